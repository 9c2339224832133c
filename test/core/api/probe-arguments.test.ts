/** The contract's checks on a probe request: the XMPP domain and the signature family (issue 16). */
import { describe, expect, it } from 'vitest';
import { apiMethods } from '../../../src-core/api/contract';
import { ApiArgumentError } from '../../../src-core/api/validate';

describe('probe request arguments', () => {
  it('take an XMPP domain and a signature family', () => {
    expect(
      apiMethods.probeHost([
        { target: 'xmpp://chat.example', xmppDomain: 'example.org', signatureFamily: 'rsa' },
        'p1',
      ]),
    ).toEqual([{ target: 'xmpp://chat.example', xmppDomain: 'example.org', signatureFamily: 'rsa' }, 'p1']);
  });

  it('refuse an unknown family and a domain that is not a string', () => {
    expect(() => apiMethods.probeHost([{ target: 'a.example', signatureFamily: 'dsa' }, 'p1'])).toThrow(
      ApiArgumentError,
    );
    expect(() => apiMethods.probeHost([{ target: 'a.example', xmppDomain: 5 }, 'p1'])).toThrow(
      ApiArgumentError,
    );
  });
});

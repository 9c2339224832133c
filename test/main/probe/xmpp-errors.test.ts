/** XMPP stream errors as the STARTTLS preamble reports them (RFC 6120 §4.9). */
import { describe, expect, it } from 'vitest';
import { readXmppStreamError } from '../../../src-main/services/probe/starttls';

describe('readXmppStreamError', () => {
  it('condition and text, prefixed or not, entities decoded', () => {
    expect(
      readXmppStreamError(
        "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>This server does not serve 127.0.0.1</text></stream:error>",
      ),
    ).toBe('host-unknown: This server does not serve 127.0.0.1');
    expect(
      readXmppStreamError('<error><policy-violation/><text>too &lt;many&gt; &amp; more</text></error>'),
    ).toBe('policy-violation: too <many> & more');
    expect(readXmppStreamError('<stream:error><not-authorized/></stream:error>')).toBe('not-authorized');
  });

  it('features without an error, and an error not yet closed, are not errors', () => {
    expect(readXmppStreamError('<stream:features><starttls/></stream:features>')).toBeUndefined();
    expect(readXmppStreamError('<stream:error><host-unknown/>')).toBeUndefined();
  });

  it('hostile streams (many unclosed openings) give no error and no crawl', () => {
    expect(readXmppStreamError('<stream:error ' + '<x>'.repeat(20_000))).toBeUndefined();
    expect(readXmppStreamError('<error '.repeat(9_000) + '</stream:features>')).toBeUndefined();
    expect(readXmppStreamError('<error>' + '<text '.repeat(9_000) + '</error>')).toBe('undefined-condition');
  });
});

import { describe, expect, it } from 'vitest';
import { parseTarget, TargetError, toUnicode } from '../../../src-core/tls/target';

describe('parseTarget', () => {
  it.each([
    ['example.com', { host: 'example.com', asciiHost: 'example.com', port: 443, isIp: false }],
    ['example.com:8443', { host: 'example.com', port: 8443 }],
    ['https://example.com/path?q=1#x', { host: 'example.com', port: 443 }],
    ['https://user@example.com:444/', { host: 'example.com', port: 444 }],
    ['smtp://mail.example.com', { host: 'mail.example.com', port: 25, starttls: 'smtp' }],
    ['imap://mail.example.com', { port: 143, starttls: 'imap' }],
    ['imaps://mail.example.com', { port: 993, starttls: undefined }],
    ['pop3://mail.example.com', { port: 110, starttls: 'pop3' }],
    ['ftp://files.example.com', { port: 21, starttls: 'ftp' }],
    ['ldap://dir.example.com', { port: 389, starttls: 'ldap' }],
    ['xmpp://chat.example.com', { port: 5222, starttls: 'xmpp' }],
    ['postgres://db.example.com:5433/app', { port: 5433, starttls: 'postgres' }],
    ['[2001:db8::1]:8443', { host: '2001:db8::1', port: 8443, isIp: true }],
    ['[2001:db8::1]', { host: '2001:db8::1', port: 443, isIp: true }],
    ['2001:db8::1', { host: '2001:db8::1', port: 443, isIp: true }],
    ['192.0.2.7', { host: '192.0.2.7', port: 443, isIp: true }],
    ['192.0.2.7:993', { port: 993, isIp: true }],
    ['  Example.COM  ', { host: 'example.com' }],
  ])('%s', (input, expected) => {
    expect(parseTarget(input)).toMatchObject(expected);
  });

  it('keeps internationalised names in Unicode and puts punycode on the wire', () => {
    expect(parseTarget('bücher.example')).toMatchObject({
      host: 'bücher.example',
      asciiHost: 'xn--bcher-kva.example',
    });
    expect(parseTarget('https://xn--bcher-kva.example/')).toMatchObject({
      host: 'bücher.example',
      asciiHost: 'xn--bcher-kva.example',
    });
    expect(parseTarget('例え.テスト')).toMatchObject({
      asciiHost: 'xn--r8jz45g.xn--zckzah',
      host: '例え.テスト',
    });
    expect(toUnicode('xn--mnchen-3ya.de')).toBe('münchen.de');
  });

  it.each([
    ['', /enter a host/],
    ['example.com:0', /not a port/],
    ['example.com:65536', /not a port/],
    ['example.com:http', /not a port/],
    ['gopher://example.com', /unknown scheme/],
    ['exa mple.com', /not a valid host/],
  ])('rejects %j with a clear message', (input, message) => {
    expect(() => parseTarget(input)).toThrowError(TargetError);
    expect(() => parseTarget(input)).toThrowError(message);
  });
});

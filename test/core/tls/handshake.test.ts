import { describe, expect, it } from 'vitest';
import { analyzeHandshake, parseCertificateMessage, parseServerHello } from '../../../src-core/tls/handshake';
import { TlsParseError } from '../../../src-core/tls/records';

function serverHello(extensions: Uint8Array, suite = 0xc02f): Uint8Array {
  const body = [
    0x03,
    0x03,
    ...new Array(32).fill(7),
    0x00,
    suite >> 8,
    suite & 0xff,
    0x00,
    extensions.length >> 8,
    extensions.length & 0xff,
    ...extensions,
  ];
  return Uint8Array.from(body);
}

describe('TLS handshake parsing', () => {
  it('reads SCTs delivered in the TLS 1.2 ServerHello extension', () => {
    const sctList = [0x00, 0x04, 0x00, 0x02, 0xab, 0xcd];
    const extensions = Uint8Array.from([0x00, 0x12, 0x00, sctList.length, ...sctList]);
    const hello = parseServerHello(serverHello(extensions));
    expect(hello.sctList).toEqual(Uint8Array.from(sctList));
    expect(hello.cipherSuite).toBe(0xc02f);
    expect(hello.isHelloRetryRequest).toBe(false);
  });

  it('reads a TLS 1.2 Certificate message and refuses a truncated one with the offset', () => {
    const certificate = [0x30, 0x03, 0x02, 0x01, 0x01];
    const list = [0x00, 0x00, certificate.length, ...certificate];
    const body = Uint8Array.from([0x00, 0x00, list.length, ...list]);
    expect(parseCertificateMessage(body, false)).toEqual([Uint8Array.from(certificate)]);
    expect(() => parseCertificateMessage(body.subarray(0, body.length - 1), false)).toThrowError(
      TlsParseError,
    );
  });

  it('keeps the order of messages across directions and records the handshake facts', () => {
    const hello = serverHello(Uint8Array.from([]));
    const record = (type: number, payload: Uint8Array) =>
      Uint8Array.from([type, 0x03, 0x03, payload.length >> 8, payload.length & 0xff, ...payload]);
    const message = (type: number, body: Uint8Array) =>
      Uint8Array.from([type, 0, body.length >> 8, body.length & 0xff, ...body]);
    const clientHello = message(
      1,
      Uint8Array.from([0x03, 0x03, ...new Array(32).fill(1), 0x00, 0x00, 0x02, 0xc0, 0x2f, 0x01, 0x00]),
    );
    const analysis = analyzeHandshake({
      chunks: [
        { from: 'client', bytes: record(22, clientHello) },
        {
          from: 'server',
          bytes: record(22, Uint8Array.from([...message(2, hello), ...message(14, new Uint8Array(0))])),
        },
      ],
    });
    expect(analysis.handshake.messages.map((item) => `${item.direction}:${item.name}`)).toEqual([
      'client:ClientHello',
      'server:ServerHello',
      'server:ServerHelloDone',
    ]);
    expect(analysis.handshake.version).toBe('TLS 1.2');
    expect(analysis.handshake.cipherSuite).toBe('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    expect(analysis.certificatesSeen).toBe(false);
  });
});

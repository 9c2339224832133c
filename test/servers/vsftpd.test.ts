/**
 * vsftpd (OpenSSL) beside `openssl s_client -starttls ftp`. It asks every client for a certificate:
 * the case of issue 16 point 8 — over TLS 1.2 the probe knows the outcome from the server's
 * Finished and waits for nothing; over TLS 1.3 it waits only until the server's ticket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src-main/services/probe';
import { expectAgreement } from './agree';
import { showLogsOnFailure, tempDir, type TempDir } from './harness';
import { ders, serverPki, writeHierarchy, type ServerPki } from './pki';
import { sClient } from './s-client';
import { startVsftpd, type RunningVsftpd } from './vsftpd';

let pki: ServerPki;
let files: TempDir;
let vsftpd: RunningVsftpd | undefined;
showLogsOnFailure(() => [vsftpd?.daemon]);

beforeAll(async () => {
  pki = await serverPki();
  files = tempDir('vsftpd-pki');
  const rsa = writeHierarchy(files, pki.rsa, 'rsa');
  vsftpd = await startVsftpd({ fullchain: rsa.fullchain, key: rsa.key });
}, 120_000);

afterAll(async () => {
  await vsftpd?.stop();
  files?.remove();
});

describe('vsftpd beside openssl s_client', () => {
  for (const tls of ['1.2', '1.3'] as const) {
    it(`AUTH TLS, TLS ${tls}: chain, version, cipher, group and the (empty) CA list agree`, async () => {
      const port = vsftpd!.port;
      const [ours, reference] = await Promise.all([
        probe({ target: `ftp://127.0.0.1:${port}`, minVersion: `TLSv${tls}`, maxVersion: `TLSv${tls}` }),
        sClient({ port, starttls: 'ftp', tls }),
      ]);
      expectAgreement(ours, reference, { chain: ders(pki.rsa.chain), version: `TLS ${tls}` });
      expect(ours.handshake.certificateRequest?.certificateAuthorityNames).toEqual([]);
    });
  }
});

describe('a client certificate request costs no fixed wait (issue 16 point 8)', () => {
  it('TLS 1.2: the verdict comes from the server Finished; the probe does not wait at all', async () => {
    const result = await probe({ target: `ftp://127.0.0.1:${vsftpd!.port}`, maxVersion: 'TLSv1.2' });
    expect(result.handshake.certificateRequest).toBeDefined();
    expect(result.handshake.clientCertificateVerdict).toBe('server-finished');
    expect(result.handshake.clientCertificateAccepted).toBe(true);
    expect(result.timings.verdictWaitMs).toBeUndefined();
  });

  it('TLS 1.3: the wait ends with the server ticket, not with the budget', async () => {
    const result = await probe({ target: `ftp://127.0.0.1:${vsftpd!.port}` });
    expect(result.handshake.version).toBe('TLS 1.3');
    expect(result.handshake.clientCertificateVerdict).toBe('post-handshake-message');
    expect(result.timings.verdictWaitMs).toBeDefined();
  });
});

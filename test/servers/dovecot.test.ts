/** Dovecot (OpenSSL) beside `openssl s_client -starttls imap`, and an IMAP STARTTLS stall named. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe, ProbeError } from '../../src-main/services/probe';
import { expectAgreement } from './agree';
import { startDovecot, type RunningDovecot } from './dovecot';
import { showLogsOnFailure, tempDir, type TempDir } from './harness';
import { ders, serverPki, writeHierarchy, type ServerPki } from './pki';
import { sClient } from './s-client';

let pki: ServerPki;
let files: TempDir;
let dovecot: RunningDovecot | undefined;
showLogsOnFailure(() => [dovecot?.daemon]);

beforeAll(async () => {
  pki = await serverPki();
  files = tempDir('dovecot-pki');
  const ecdsa = writeHierarchy(files, pki.ecdsa, 'ecdsa');
  dovecot = await startDovecot({
    fullchain: ecdsa.fullchain,
    key: ecdsa.key,
    clientCaFile: files.write('client-ca.pem', pki.clientRoot.pem),
  });
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  files?.remove();
});

describe('Dovecot beside openssl s_client', () => {
  it('IMAP STARTTLS (imap://): chain, version, cipher, group and CA names agree', async () => {
    const port = dovecot!.imapPort;
    const [ours, reference] = await Promise.all([
      probe({ target: `imap://127.0.0.1:${port}` }),
      sClient({ port, starttls: 'imap' }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.ecdsa.chain) });
    expect(ours.handshake.certificateRequest?.certificateAuthorityNames).toEqual([
      'CN=Real Test Client Root,O=Certscope Real Servers',
    ]);
  });

  it('IMAPS (implicit TLS): the same', async () => {
    const port = dovecot!.imapsPort;
    const [ours, reference] = await Promise.all([
      probe({ target: `imaps://127.0.0.1:${port}` }),
      sClient({ port }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.ecdsa.chain) });
  });

  it('the TLS 1.3 client flight with a client certificate matches openssl -msg', async () => {
    const port = dovecot!.imapPort;
    const result = await probe({
      target: `imap://127.0.0.1:${port}`,
      clientCertificate: { certificatePem: pki.client.pem, privateKeyPem: pki.client.key.pkcs8Pem },
    });
    const certFiles = {
      cert: files.write('client.pem', pki.client.pem),
      key: files.write('client.key', pki.client.key.pkcs8Pem, { mode: 0o600 }),
    };
    const reference = await sClient({ port, starttls: 'imap', ...certFiles });
    const flight = (messages: { direction: string; name: string; size: number }[]) =>
      messages
        .filter((message) => message.direction === 'client' && message.name !== 'ClientHello')
        .map((message) => `${message.name} ${message.size}`);
    expect(flight(result.handshake.messages)).toEqual(flight(reference.messages));
    expect(result.handshake.clientCertificateAccepted).toBe(true);
  });

  it('imap:// against the IMAPS port: the deadline names the greeting it waited for', async () => {
    const error = await probe({ target: `imap://127.0.0.1:${dovecot!.imapsPort}`, deadlineMs: 1500 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).code).toBe('timeout');
    expect((error as ProbeError).message).toMatch(
      /^IMAP STARTTLS: no greeting from the server within 1\.5 s — .* e\.g\. imaps:\/\/ \(port 993\)$/,
    );
  });
});

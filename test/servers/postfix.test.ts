/**
 * Postfix (OpenSSL) beside `openssl s_client -starttls smtp`: STARTTLS, implicit TLS, a request
 * for a client certificate — and the STARTTLS stalls of issue 16 point 3: `smtp://` against the
 * implicit-TLS port names the greeting it waited for, `ldap://` against SMTP fails at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { probe } from '../../src-main/services/probe';
import { memoryIo } from '../main/support/cli-io';
import { expectAgreement, probeFailure } from './agree';
import { showLogsOnFailure, tempDir, type TempDir } from './harness';
import { ders, serverPki, writeHierarchy, type ServerPki } from './pki';
import { startPostfix, type RunningPostfix } from './postfix';
import { sClient } from './s-client';

let pki: ServerPki;
let files: TempDir;
let postfix: RunningPostfix | undefined;
showLogsOnFailure(() => [postfix?.daemon]);

beforeAll(async () => {
  pki = await serverPki();
  files = tempDir('postfix-pki');
  const rsa = writeHierarchy(files, pki.rsa, 'rsa');
  const clientCaFile = files.write('client-ca.pem', pki.clientRoot.pem);
  postfix = await startPostfix({ fullchain: rsa.fullchain, key: rsa.key, clientCaFile });
}, 120_000);

afterAll(async () => {
  await postfix?.stop();
  files?.remove();
});

describe('Postfix beside openssl s_client', () => {
  it('STARTTLS (smtp://): chain, version, cipher and group agree', async () => {
    const port = postfix!.smtpPort;
    const [ours, reference] = await Promise.all([
      probe({ target: `smtp://127.0.0.1:${port}` }),
      sClient({ port, starttls: 'smtp' }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain) });
    expect(ours.timings.starttlsMs).toBeGreaterThan(0);
  });

  it('implicit TLS (smtps://, wrapper mode): the same', async () => {
    const port = postfix!.smtpsPort;
    const [ours, reference] = await Promise.all([
      probe({ target: `smtps://127.0.0.1:${port}` }),
      sClient({ port }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain) });
  });

  it('smtpd_tls_ask_ccert: the CertificateRequest and its CA names agree', async () => {
    const port = postfix!.askCertPort;
    const [ours, reference] = await Promise.all([
      probe({ target: `smtp://127.0.0.1:${port}` }),
      sClient({ port, starttls: 'smtp' }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain) });
    expect(ours.handshake.certificateRequest?.certificateAuthorityNames).toEqual([
      'CN=Real Test Client Root,O=Certscope Real Servers',
    ]);
  });
});

describe('STARTTLS stalls name their phase (issue 16 point 3)', () => {
  it('smtp:// against the implicit-TLS port: the deadline says it was waiting for the greeting', async () => {
    const error = await probeFailure(
      probe({ target: `smtp://127.0.0.1:${postfix!.smtpsPort}`, deadlineMs: 1500 }),
    );
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      'SMTP STARTTLS: no greeting from the server within 1.5 s — it has sent nothing since the connection opened: if this port expects TLS right away (implicit TLS), inspect it without STARTTLS, e.g. smtps:// (port 465)',
    );
    expect(error.message).not.toMatch(/TLS handshake/);
  });

  it('ldap:// against the SMTP port: the greeting is not LDAP, so it fails at once, not at the deadline', async () => {
    const error = await probeFailure(
      probe({ target: `ldap://127.0.0.1:${postfix!.smtpPort}`, deadlineMs: 20_000 }),
    );
    expect(error.code).toBe('starttls');
    expect(error.message).toBe(
      'LDAP STARTTLS: the reply is not LDAP (an LDAP message starts with 0x30): the server sent an SMTP/FTP greeting; try STARTTLS (smtp or ftp)',
    );
  });

  it('the CLI says the same in one line', async () => {
    const io = memoryIo();
    const code = await runCli(['inspect', `smtp://127.0.0.1:${postfix!.smtpsPort}`, '--timeout', '1.5'], io);
    expect(code).toBe(2);
    expect(io.err).toMatch(
      /^certscope: smtp:\/\/127\.0\.0\.1:\d+: SMTP STARTTLS: no greeting from the server within 1\.5 s — .* \[timeout\]\n$/,
    );
  });
});

/**
 * slapd (GnuTLS) beside `openssl s_client -starttls ldap`, and a clean close told apart from a
 * reset (issue 16 point 6): slapd closes a connection whose first bytes are not LDAP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe, ProbeError } from '../../src-main/services/probe';
import { expectAgreement } from './agree';
import { showLogsOnFailure, tempDir, type TempDir } from './harness';
import { ders, serverPki, writeHierarchy, type ServerPki } from './pki';
import { sClient } from './s-client';
import { startSlapd, type RunningSlapd } from './slapd';

let pki: ServerPki;
let files: TempDir;
let slapd: RunningSlapd | undefined;
showLogsOnFailure(() => [slapd?.daemon]);

beforeAll(async () => {
  pki = await serverPki();
  files = tempDir('slapd-pki');
  const rsa = writeHierarchy(files, pki.rsa, 'rsa');
  slapd = await startSlapd({
    fullchain: rsa.fullchain,
    key: rsa.key,
    clientCaFile: files.write('client-ca.pem', pki.clientRoot.pem),
  });
}, 120_000);

afterAll(async () => {
  await slapd?.stop();
  files?.remove();
});

describe('slapd (GnuTLS) beside openssl s_client', () => {
  it('LDAP StartTLS (ldap://): chain, version, cipher, group and CA names agree', async () => {
    const port = slapd!.ldapPort;
    const [ours, reference] = await Promise.all([
      probe({ target: `ldap://127.0.0.1:${port}` }),
      sClient({ port, starttls: 'ldap' }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain) });
    expect(ours.handshake.certificateRequest?.certificateAuthorityNames).toEqual([
      'CN=Real Test Client Root,O=Certscope Real Servers',
    ]);
  });

  for (const tls of ['1.2', '1.3'] as const) {
    it(`LDAPS, TLS ${tls}: the same`, async () => {
      const port = slapd!.ldapsPort;
      const [ours, reference] = await Promise.all([
        probe({ target: `ldaps://127.0.0.1:${port}`, minVersion: `TLSv${tls}`, maxVersion: `TLSv${tls}` }),
        sClient({ port, tls }),
      ]);
      expectAgreement(ours, reference, { chain: ders(pki.rsa.chain), version: `TLS ${tls}` });
    });
  }
});

describe('a clean close before any answer is a close, every time (issue 16 point 6)', () => {
  it('a ClientHello to the plain LDAP port: slapd closes; the probe says "closed", not "reset"', async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const error = await probe({ target: `127.0.0.1:${slapd!.ldapPort}` }).catch(
        (caught: unknown) => caught,
      );
      expect(error, `attempt ${attempt}`).toBeInstanceOf(ProbeError);
      expect((error as ProbeError).code, `attempt ${attempt}: ${(error as ProbeError).message}`).toBe(
        'closed',
      );
      expect((error as ProbeError).message).toBe(
        'the server closed the connection before answering the ClientHello (not a TLS port, or TLS refused)',
      );
    }
  });
});

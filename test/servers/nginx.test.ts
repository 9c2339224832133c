/** nginx (OpenSSL) beside `openssl s_client`. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { probe } from '../../src-main/services/probe';
import { expectAgreement } from './agree';
import { showLogsOnFailure, tempDir, type TempDir } from './harness';
import { startNginx, type RunningNginx } from './nginx';
import { ders, serverPki, writeHierarchy, type ServerPki } from './pki';
import { sClient } from './s-client';

type Site = 'tls12' | 'tls13';
let pki: ServerPki;
let files: TempDir;
let nginx: RunningNginx<Site> | undefined;
showLogsOnFailure(() => [nginx?.daemon]);

beforeAll(async () => {
  pki = await serverPki();
  files = tempDir('nginx-pki');
  const rsa = writeHierarchy(files, pki.rsa, 'rsa');
  nginx = await startNginx<Site>({
    tls12: { certificates: [rsa], protocols: 'TLSv1.2', staplingFile: rsa.ocsp },
    tls13: { certificates: [rsa], protocols: 'TLSv1.3', staplingFile: rsa.ocsp },
  });
}, 60_000);

afterAll(async () => {
  await nginx?.stop();
  files?.remove();
});

describe('nginx beside openssl s_client', () => {
  for (const site of ['tls12', 'tls13'] as const) {
    it(`${site}: chain, version, cipher, group and stapled OCSP agree`, async () => {
      const port = nginx!.ports[site];
      const [ours, reference] = await Promise.all([
        probe({ target: `127.0.0.1:${port}` }),
        sClient({ port }),
      ]);
      expectAgreement(ours, reference, { chain: ders(pki.rsa.chain) });
    });
  }
});

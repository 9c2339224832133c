/**
 * PostgreSQL beside `openssl s_client -starttls postgres`, and a clean close told apart from a
 * reset (issue 16 point 6): PostgreSQL closes a connection whose startup packet is a ClientHello.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe, ProbeError } from '../../src-main/services/probe';
import { expectAgreement } from './agree';
import { showLogsOnFailure, tempDir, type TempDir } from './harness';
import { ders, serverPki, writeHierarchy, type ServerPki } from './pki';
import { startPostgres, type RunningPostgres } from './postgres';
import { sClient } from './s-client';

let pki: ServerPki;
let files: TempDir;
let postgres: RunningPostgres | undefined;
showLogsOnFailure(() => [postgres?.daemon]);

beforeAll(async () => {
  pki = await serverPki();
  files = tempDir('postgres-pki');
  const rsa = writeHierarchy(files, pki.rsa, 'rsa');
  postgres = await startPostgres({ fullchain: rsa.fullchain, key: rsa.key });
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
  files?.remove();
});

describe('PostgreSQL beside openssl s_client', () => {
  it('SSLRequest (postgres://): chain, version, cipher and group agree', async () => {
    const port = postgres!.port;
    const [ours, reference] = await Promise.all([
      probe({ target: `postgres://127.0.0.1:${port}` }),
      sClient({ port, starttls: 'postgres' }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain) });
  });
});

describe('a clean close before any answer (issue 16 point 6)', () => {
  it('a ClientHello without SSLRequest: PostgreSQL closes; "closed" every time, never "reset"', async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const error = await probe({ target: `127.0.0.1:${postgres!.port}` }).catch((caught: unknown) => caught);
      expect(error, `attempt ${attempt}`).toBeInstanceOf(ProbeError);
      expect((error as ProbeError).code, `attempt ${attempt}: ${(error as ProbeError).message}`).toBe(
        'closed',
      );
    }
  });
});

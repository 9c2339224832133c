/**
 * Through a real HTTP proxy (tinyproxy, CONNECT with basic auth) to a real `openssl s_server`: the
 * chain is the one openssl reads directly, and the proxy's refusals are told plainly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpensslServer, type LabServer } from '../lab';
import { probe, ProbeError } from '../../src-main/services/probe';
import { expectAgreement } from './agree';
import { freePort, showLogsOnFailure } from './harness';
import { ders, serverPki, type ServerPki } from './pki';
import { sClient } from './s-client';
import { startTinyproxy, type RunningTinyproxy } from './tinyproxy';

let pki: ServerPki;
let server: LabServer | undefined;
let proxy: RunningTinyproxy | undefined;
showLogsOnFailure(() => [proxy?.daemon]);

beforeAll(async () => {
  pki = await serverPki();
  server = await startOpensslServer({ chain: pki.ecdsa.chain, statusFile: pki.ecdsa.ocsp });
  proxy = await startTinyproxy({
    connectPorts: [server.port],
    basicAuth: { username: 'probe', password: 'pr0xy' },
  });
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await server?.close();
});

const through = (credentials = 'probe:pr0xy@') => ({ url: `http://${credentials}127.0.0.1:${proxy!.port}` });

describe('tinyproxy CONNECT', () => {
  it('the chain through the proxy is what openssl reads directly', async () => {
    const [ours, reference] = await Promise.all([
      probe({ target: `127.0.0.1:${server!.port}`, proxy: through() }),
      sClient({ port: server!.port }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.ecdsa.chain) });
    expect(ours.target.proxy).toBe(`http://127.0.0.1:${proxy!.port}`);
  });

  it('without credentials: the proxy asks for them, and the message says so', async () => {
    const error = await probe({ target: `127.0.0.1:${server!.port}`, proxy: through('') }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).code).toBe('proxy');
    expect((error as ProbeError).message).toMatch(/407|credentials|authenticat/i);
  });

  it('a port the proxy does not allow: its refusal is named', async () => {
    const closed = await freePort();
    const error = await probe({ target: `127.0.0.1:${closed}`, proxy: through() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).code).toBe('proxy');
    expect((error as ProbeError).message).toMatch(/403/);
  });
});

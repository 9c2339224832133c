/** Probe options: an HTTP CONNECT proxy with basic auth, and client certificates (PEM and PKCS#12). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildScenario,
  startNodeTlsServer,
  startLabProxy,
  startOpensslServer,
  type LabProxy,
  type LabServer,
  type Scenario,
} from '../../lab';
import { probe, ProbeError } from '../../../src-main/services/probe';

describe('HTTP CONNECT proxy', () => {
  let scenario: Scenario;
  let server: LabServer;
  let proxy: LabProxy;
  beforeAll(async () => {
    scenario = await buildScenario('extra-certificate');
    server = await startNodeTlsServer({ chain: scenario.presented });
    proxy = await startLabProxy({ username: 'user', password: 'secret' });
  });
  afterAll(async () => {
    await server.close();
    await proxy.close();
  });

  it('tunnels through the proxy with basic auth and captures the chain', async () => {
    const result = await probe({
      target: `localhost:${server.port}`,
      proxy: { url: `http://user:secret@127.0.0.1:${proxy.port}` },
    });
    expect(result.presented).toEqual(scenario.presented.map((certificate) => certificate.der));
    expect(proxy.requests.at(-1)).toBe(`CONNECT localhost:${server.port} HTTP/1.1`);
    expect(result.target.proxy).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(result.target.resolvedAddresses).toEqual([]);
  });

  it('says when the proxy wants credentials, or refuses the ones given', async () => {
    const missing = await probe({
      target: `localhost:${server.port}`,
      proxy: { url: `http://127.0.0.1:${proxy.port}` },
    }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ProbeError);
    expect((missing as ProbeError).code).toBe('proxy');
    expect((missing as ProbeError).message).toMatch(
      /requires authentication \(give a user name and password\)/,
    );
    const wrong = await probe({
      target: `localhost:${server.port}`,
      proxy: { url: `http://127.0.0.1:${proxy.port}`, username: 'user', password: 'nope' },
    }).catch((error: unknown) => error);
    expect((wrong as ProbeError).message).toMatch(/refused the credentials given/);
  });

  it('says when the proxy itself is unreachable', async () => {
    const error = await probe({ target: 'localhost:443', proxy: { url: 'http://127.0.0.1:1' } }).catch(
      (caught: unknown) => caught,
    );
    expect((error as ProbeError).code).toBe('proxy');
    expect((error as ProbeError).message).toMatch(
      /could not reach the proxy 127\.0\.0\.1:1: connection refused/,
    );
  });
});

describe('client certificates (two-way TLS)', () => {
  let scenario: Scenario;
  let dir: string;
  beforeAll(async () => {
    scenario = await buildScenario('client-auth');
    dir = mkdtempSync(join(tmpdir(), 'certscope-client-'));
    writeFileSync(join(dir, 'client.pem'), scenario.others.client.pem);
    writeFileSync(join(dir, 'client.key'), scenario.others.client.key.pkcs8Pem, { mode: 0o600 });
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      join(dir, 'client.pem'),
      '-inkey',
      join(dir, 'client.key'),
      '-out',
      join(dir, 'client.p12'),
      '-passout',
      'pass:lab-password',
    ]);
  });

  it('presents a PKCS#12 client certificate, and the server accepts it (openssl -Verify, TLS 1.3)', async () => {
    const server = await startOpensslServer({
      chain: scenario.presented,
      verifyClient: [scenario.others.clientRoot],
      tlsVersion: '1.3',
    });
    try {
      const result = await probe({
        target: `127.0.0.1:${server.port}`,
        clientCertificate: {
          pkcs12: new Uint8Array(readFileSync(join(dir, 'client.p12'))),
          password: 'lab-password',
        },
      });
      expect(result.handshake.certificateRequest).toBeDefined();
      expect(result.handshake.clientCertificateSent).toBe(true);
      expect(result.handshake.clientCertificateAccepted).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('reports certificate_required when a TLS 1.3 server insists and we have none', async () => {
    const server = await startOpensslServer({
      chain: scenario.presented,
      verifyClient: [scenario.others.clientRoot],
      tlsVersion: '1.3',
    });
    try {
      const result = await probe({ target: `127.0.0.1:${server.port}` });
      expect(result.presented).toEqual(scenario.presented.map((certificate) => certificate.der));
      expect(result.handshake.clientCertificateSent).toBe(false);
      expect(result.handshake.clientCertificateAccepted).toBe(false);
      expect(result.handshake.postHandshakeAlert).toBe('certificate_required');
      expect(result.notes.join(' ')).toMatch(/requires a client certificate \(two-way TLS\)/);
    } finally {
      await server.close();
    }
  });

  it('a wrong PKCS#12 password is a clear error', async () => {
    const server = await startNodeTlsServer({ chain: scenario.presented, requestClientCert: true });
    try {
      const error = await probe({
        target: `127.0.0.1:${server.port}`,
        clientCertificate: {
          pkcs12: new Uint8Array(readFileSync(join(dir, 'client.p12'))),
          password: 'wrong',
        },
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProbeError);
      expect((error as ProbeError).code).toBe('client-certificate');
      expect((error as ProbeError).message).toMatch(/PKCS#12.*password/i);
    } finally {
      await server.close();
    }
  });
});

/**
 * The probe against real servers on 127.0.0.1 (Node's tls and `openssl s_server`): the captured
 * certificate list must equal what the server was configured to send, byte for byte and in order.
 */
import { createServer as createNetServer, type Server } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildScenario,
  issueCert,
  startNodeTlsServer,
  startOpensslServer,
  type LabCert,
  type LabServer,
} from '../../lab';
import { probe, ProbeError } from '../../../src-main/services/probe';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function track(server: LabServer): LabServer {
  closers.push(() => server.close());
  return server;
}

async function misordered(): Promise<LabCert[]> {
  const scenario = await buildScenario('extra-certificate');
  const [intermediate] = scenario.intermediates;
  return [scenario.leaf, scenario.others.unrelated, intermediate, intermediate, scenario.root];
}

const ders = (chain: LabCert[]) => chain.map((certificate) => certificate.der);

async function expectProbeError(
  promise: Promise<unknown>,
  code: string,
  message?: RegExp,
): Promise<ProbeError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the probe should have failed').toBeInstanceOf(ProbeError);
  const probeError = error as ProbeError;
  expect(probeError.code, probeError.message).toBe(code);
  if (message) expect(probeError.message).toMatch(message);
  return probeError;
}

describe('capture exactly as sent', () => {
  for (const version of ['1.2', '1.3'] as const) {
    it(`Node server, TLS ${version}: [leaf, unrelated, intermediate, intermediate, root]`, async () => {
      const chain = await misordered();
      const server = track(
        await startNodeTlsServer({ chain, minVersion: `TLSv${version}`, maxVersion: `TLSv${version}` }),
      );
      const result = await probe({ target: `127.0.0.1:${server.port}` });
      expect(result.presentedSource).toBe('wire');
      expect(result.presented).toEqual(ders(chain));
      expect(result.handshake.version).toBe(`TLS ${version}`);
    });

    it(`openssl s_server, TLS ${version}: [leaf, unrelated, intermediate, intermediate, root]`, async () => {
      const chain = await misordered();
      const server = track(await startOpensslServer({ chain, tlsVersion: version }));
      const result = await probe({ target: `127.0.0.1:${server.port}` });
      expect(result.presented).toEqual(ders(chain));
      expect(result.handshake.version).toBe(`TLS ${version}`);
    });
  }

  for (const suite of ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']) {
    it(`decrypts the TLS 1.3 flight with ${suite}`, async () => {
      const chain = await misordered();
      const server = track(
        await startOpensslServer({ chain, tlsVersion: '1.3', extraArgs: ['-ciphersuites', suite] }),
      );
      const result = await probe({ target: `127.0.0.1:${server.port}` });
      expect(result.handshake.cipherSuite).toBe(suite);
      expect(result.presented).toEqual(ders(chain));
      const names = result.handshake.messages.map((message) => `${message.direction}:${message.name}`);
      expect(names).toEqual([
        'client:ClientHello',
        'server:ServerHello',
        'server:EncryptedExtensions',
        'server:Certificate',
        'server:CertificateVerify',
        'server:Finished',
        'client:Finished',
      ]);
      expect(result.handshake.messages.slice(2).every((message) => message.encrypted)).toBe(true);
      expect(result.handshake.messages[1].facts).toContainEqual({ label: 'version', value: 'TLS 1.3' });
    });
  }

  it('follows a HelloRetryRequest', async () => {
    const chain = await misordered();
    const server = track(
      await startOpensslServer({ chain, tlsVersion: '1.3', extraArgs: ['-groups', 'P-384'] }),
    );
    const result = await probe({ target: `127.0.0.1:${server.port}` });
    expect(result.handshake.helloRetryRequest).toBe(true);
    expect(result.handshake.group).toBe('secp384r1');
    expect(result.handshake.messages.map((message) => message.name)).toContain('HelloRetryRequest');
    expect(result.presented).toEqual(ders(chain));
  });

  for (const length of [1, 3, 6, 10]) {
    it(`captures a chain of ${length} certificate(s) from RSA and ECDSA servers`, async () => {
      const keySpec = length % 2 ? 'rsa2048' : 'p256';
      const scenario = await buildScenario('long-chain', { depth: Math.max(length - 2, 1), keySpec });
      const chain = length === 1 ? [scenario.leaf] : [...scenario.presented, scenario.root].slice(0, length);
      const server = track(await startNodeTlsServer({ chain }));
      const result = await probe({ target: `127.0.0.1:${server.port}` });
      expect(result.presented).toEqual(ders(chain));
    });
  }

  it('reports TLS 1.2 facts: cipher, group, stapled OCSP, ALPN and the message list', async () => {
    const chain = await misordered();
    const ocspResponse = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x00]);
    const server = track(
      await startNodeTlsServer({ chain, maxVersion: 'TLSv1.2', ocspResponse, alpn: ['http/1.1'] }),
    );
    const result = await probe({ target: `127.0.0.1:${server.port}` });
    expect(result.handshake.version).toBe('TLS 1.2');
    expect(result.handshake.cipherSuite).toMatch(/^TLS_ECDHE_ECDSA_WITH_/);
    expect(result.handshake.group).toBe('x25519');
    expect(result.handshake.alpn).toBe('http/1.1');
    expect(result.handshake.stapledOcsp).toEqual(ocspResponse);
    expect(result.handshake.messages.map((message) => `${message.direction}:${message.name}`)).toEqual([
      'client:ClientHello',
      'server:ServerHello',
      'server:Certificate',
      'server:CertificateStatus',
      'server:ServerKeyExchange',
      'server:ServerHelloDone',
      'client:ClientKeyExchange',
      'client:ChangeCipherSpec',
      'client:Finished',
      'server:NewSessionTicket',
      'server:ChangeCipherSpec',
      'server:Finished',
    ]);
    expect(result.timings.totalMs).toBeGreaterThan(0);
  });

  it('staples OCSP in TLS 1.3 (inside the Certificate entry)', async () => {
    const chain = await misordered();
    const ocspResponse = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x00]);
    const server = track(await startNodeTlsServer({ chain, minVersion: 'TLSv1.3', ocspResponse }));
    const result = await probe({ target: `127.0.0.1:${server.port}` });
    expect(result.handshake.stapledOcsp).toEqual(ocspResponse);
  });

  it('sees a request for a client certificate, with the acceptable CA names', async () => {
    const scenario = await buildScenario('client-auth');
    const server = track(
      await startNodeTlsServer({
        chain: scenario.presented,
        requestClientCert: true,
        clientCa: [scenario.others.clientRoot],
      }),
    );
    const result = await probe({ target: `127.0.0.1:${server.port}` });
    expect(result.handshake.certificateRequest?.certificateAuthorities).toHaveLength(1);
    expect(result.handshake.certificateRequest?.signatureAlgorithms.length).toBeGreaterThan(0);
    expect(result.handshake.clientCertificateSent).toBe(false);
  });

  it('presents a client certificate when given one (two-way TLS with openssl -Verify)', async () => {
    const scenario = await buildScenario('client-auth');
    const { client, clientRoot } = scenario.others;
    const server = track(
      await startOpensslServer({ chain: scenario.presented, verifyClient: [clientRoot], tlsVersion: '1.2' }),
    );
    const result = await probe({
      target: `127.0.0.1:${server.port}`,
      clientCertificate: { certificatePem: client.pem, privateKeyPem: client.key.pkcs8Pem },
    });
    expect(result.handshake.certificateRequest).toBeDefined();
    expect(result.handshake.clientCertificateSent).toBe(true);
    expect(result.presented).toEqual(ders(scenario.presented));
  });

  it('sends SNI by default, a chosen name, or none', async () => {
    const chain = await misordered();
    const seen: (string | false)[] = [];
    const server = track(
      await startNodeTlsServer({
        chain,
        onSecureConnection: (socket) =>
          seen.push((socket as unknown as { servername: string | false }).servername),
      }),
    );
    await probe({ target: `localhost:${server.port}` });
    await probe({ target: `localhost:${server.port}`, sni: 'other.example' });
    await probe({ target: `localhost:${server.port}`, sni: null });
    // The server sees the client's Finished just after the client is done: let it catch up.
    await expect.poll(() => seen.length).toBe(3);
    expect(seen).toEqual(['localhost', 'other.example', false]);
  });

  it('captures expired, self-signed and wrong-host chains without judging them', async () => {
    for (const name of ['expired', 'self-signed-leaf', 'wrong-host'] as const) {
      const scenario = await buildScenario(name);
      const server = track(await startNodeTlsServer({ chain: scenario.presented }));
      const result = await probe({ target: `127.0.0.1:${server.port}` });
      expect(result.presented, name).toEqual(ders(scenario.presented));
    }
  });
});

describe('bad peers end with a specific message', () => {
  async function rawServer(onConnection: (socket: import('node:net').Socket) => void): Promise<number> {
    const server: Server = createNetServer(onConnection);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
        }),
    );
    const sockets = new Set<import('node:net').Socket>();
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    closers.push(() => sockets.forEach((socket) => socket.destroy()));
    return (server.address() as { port: number }).port;
  }

  it('nothing listening', async () => {
    const port = await rawServer(() => undefined);
    closers.splice(0).forEach((close) => void close());
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expectProbeError(probe({ target: `127.0.0.1:${port}` }), 'refused', /nothing is listening/);
  });

  it('a server that accepts and never speaks: the deadline ends it', async () => {
    const port = await rawServer(() => undefined);
    const started = Date.now();
    await expectProbeError(
      probe({ target: `127.0.0.1:${port}`, deadlineMs: 1500 }),
      'timeout',
      /within 1\.5 s/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a server that drips a byte a second', async () => {
    const port = await rawServer((socket) => {
      const timer = setInterval(() => socket.write(Buffer.from([0x16])), 1000);
      socket.on('close', () => clearInterval(timer));
    });
    await expectProbeError(probe({ target: `127.0.0.1:${port}`, deadlineMs: 2500 }), 'timeout');
  });

  it('plain HTTP on the port', async () => {
    const http = createHttpServer((_request, response) => response.end('hello'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    closers.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
    await expectProbeError(
      probe({ target: `127.0.0.1:${(http.address() as { port: number }).port}` }),
      'not-tls',
      /plain HTTP/,
    );
  });

  it('an SSH server on the port', async () => {
    const port = await rawServer((socket) => socket.write('SSH-2.0-OpenSSH_9.2p1 Debian\r\n'));
    await expectProbeError(probe({ target: `127.0.0.1:${port}` }), 'not-tls', /SSH server/);
  });

  it('random bytes', async () => {
    const port = await rawServer((socket) => socket.write(Buffer.from('8f3a9c1b77e2d4005511aa', 'hex')));
    await expectProbeError(probe({ target: `127.0.0.1:${port}` }), 'not-tls', /not TLS/);
  });

  it('a reset in the middle of the handshake', async () => {
    const port = await rawServer((socket) => {
      socket.once('data', () => {
        socket.write(Buffer.from([0x16, 0x03, 0x03, 0x00, 0x40, 0x02, 0x00]));
        setTimeout(() => socket.resetAndDestroy(), 20);
      });
    });
    await expectProbeError(probe({ target: `127.0.0.1:${port}` }), 'reset');
  });

  // A real server can't be made to reset right after accept; this one does (issue 16 point 6).
  it('a reset right after accept is "reset" every time, never "could not connect"', async () => {
    const port = await rawServer((socket) => socket.resetAndDestroy());
    for (let attempt = 0; attempt < 20; attempt++) {
      const error = await expectProbeError(probe({ target: `127.0.0.1:${port}` }), 'reset');
      expect(error.message, `attempt ${attempt}`).toMatch(
        /reset the connection .*before answering the ClientHello/,
      );
    }
  });

  it('a close right after accept is "closed" every time', async () => {
    const port = await rawServer((socket) => socket.end());
    for (let attempt = 0; attempt < 20; attempt++) {
      const error = await expectProbeError(probe({ target: `127.0.0.1:${port}` }), 'closed');
      expect(error.message, `attempt ${attempt}`).toMatch(
        /closed the connection before answering the ClientHello/,
      );
    }
  });

  it('a Certificate message over the 1 MiB limit', async () => {
    const port = await rawServer((socket) => {
      socket.once('data', () => {
        // A handshake header announcing a 2 MiB message.
        socket.write(Buffer.from([0x16, 0x03, 0x03, 0x00, 0x04, 0x0b, 0x20, 0x00, 0x00]));
      });
    });
    await expectProbeError(probe({ target: `127.0.0.1:${port}`, deadlineMs: 5000 }), 'too-large', /limit/);
  });

  it('200 certificates are captured', async () => {
    const root = await issueCert({ commonName: 'Many Root', isCa: true });
    const leaf = await issueCert({ commonName: 'many.test', issuer: root, dnsNames: ['many.test'] });
    const chain = [leaf, ...Array.from({ length: 199 }, () => root)];
    const server = track(await startNodeTlsServer({ chain }));
    const result = await probe({ target: `127.0.0.1:${server.port}` });
    expect(result.presented).toHaveLength(200);
  });

  it('an unrecognized_name alert', async () => {
    const chain = await misordered();
    const server = track(
      await startOpensslServer({ chain, tlsVersion: '1.2', onlyServerName: 'only.this.name' }),
    );
    const error = await expectProbeError(
      probe({ target: `127.0.0.1:${server.port}`, sni: 'wrong.name' }),
      'alert',
      /unrecognized_name/,
    );
    expect(error.partial?.alert).toBe('unrecognized_name');
  });

  it('a handshake_failure alert (no common cipher)', async () => {
    const chain = await misordered();
    const server = track(
      await startOpensslServer({ chain, tlsVersion: '1.2', extraArgs: ['-cipher', 'aNULL'] }),
    );
    await expectProbeError(probe({ target: `127.0.0.1:${server.port}` }), 'alert', /handshake_failure/);
  });

  it('a TLS 1.0-only server is reported as such, with its chain', async () => {
    const scenario = await buildScenario('good', { keySpec: 'rsa2048' });
    const server = track(
      await startOpensslServer({
        chain: scenario.presented,
        extraArgs: ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'],
      }),
    );
    const result = await probe({ target: `127.0.0.1:${server.port}` });
    expect(result.handshake.version).toBe('TLS 1.0');
    expect(result.notes.join(' ')).toMatch(/TLS 1\.0, which browsers no longer accept/);
    expect(result.presented).toEqual(ders(scenario.presented));
  });

  it('a TLS 1.0-only server, when the probe insists on TLS 1.2+, fails with what was learned', async () => {
    const scenario = await buildScenario('good', { keySpec: 'rsa2048' });
    const server = track(
      await startOpensslServer({
        chain: scenario.presented,
        extraArgs: ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'],
      }),
    );
    await expectProbeError(
      probe({ target: `127.0.0.1:${server.port}`, minVersion: 'TLSv1.2' }),
      'alert',
      /protocol_version/,
    );
  });

  it('cancellation stops the probe at once', async () => {
    const port = await rawServer(() => undefined);
    const controller = new AbortController();
    const pending = probe({ target: `127.0.0.1:${port}` }, controller.signal);
    setTimeout(() => controller.abort(), 100);
    await expectProbeError(pending, 'cancelled');
  });

  it('a bad target is refused before any connection', async () => {
    await expectProbeError(probe({ target: 'https://exa mple.com' }), 'bad-target');
    await expectProbeError(probe({ target: 'example.com:99999' }), 'bad-target', /port/);
  });
});

describe('fallback when the wire capture is unavailable', () => {
  it('shows the re-linked chain and says so', async () => {
    const chain = await misordered();
    const server = track(await startNodeTlsServer({ chain }));
    const result = await probe({ target: `127.0.0.1:${server.port}` }, undefined, { captureWire: false });
    expect(result.presentedSource).toBe('relinked');
    expect(result.notes.join(' ')).toMatch(/could not be read from the wire .*re-linked chain/);
    // The library's view: the leaf first, without the duplicate the server really sent.
    expect(result.presented[0]).toEqual(chain[0].der);
    expect(result.presented.length).toBeLessThan(chain.length);
  });
});

describe('target forms against the lab', () => {
  it('[::1]:port — IPv6 with brackets', async () => {
    const chain = await misordered();
    const server = track(await startNodeTlsServer({ chain, host: '::1' }));
    const result = await probe({ target: `[::1]:${server.port}` });
    expect(result.target).toMatchObject({ address: '::1', isIp: true, sni: null });
    expect(result.presented).toEqual(ders(chain));
  });

  it('an internationalised name goes out as punycode in SNI and is shown in Unicode', async () => {
    const chain = await misordered();
    const names: string[] = [];
    const server = track(
      await startNodeTlsServer({
        chain,
        onSecureConnection: (socket) =>
          names.push(String((socket as unknown as { servername: string }).servername)),
      }),
    );
    const result = await probe({
      target: `https://bücher.example:${server.port}/path`,
      address: '127.0.0.1',
    });
    expect(result.target).toMatchObject({
      host: 'bücher.example',
      asciiHost: 'xn--bcher-kva.example',
      sni: 'xn--bcher-kva.example',
      address: '127.0.0.1',
    });
    await expect.poll(() => names).toEqual(['xn--bcher-kva.example']);
  });

  it('a name that does not resolve is a DNS error', async () => {
    const error = await probe({ target: 'no-such-host.invalid' }).catch((caught: unknown) => caught);
    expect((error as ProbeError).code).toBe('dns');
    expect((error as ProbeError).message).toMatch(/no-such-host\.invalid could not be resolved/);
  });
});

/**
 * Hostile servers that a TLS library would never be: a CertificateVerify (TLS 1.3) or
 * ServerKeyExchange (TLS 1.2) signed with the key of another certificate than the one sent, and a
 * server that closes right after its ServerHello. The probe must end quickly with a message that
 * names what happened, and keep what it captured (the chain) in the failure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildScenario, startHostileServer, type HostileBehaviour, type LabServer } from '../../lab';
import { isSignatureFailure, probe, ProbeError } from '../../../src-main/services/probe';
import { createProbeService } from '../../../src-main/services/probe/service';

const servers: LabServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function hostile(behaviour: HostileBehaviour, keySpec: 'p256' | 'rsa2048' = 'p256') {
  const scenario = await buildScenario('good', { keySpec });
  const server = await startHostileServer({ behaviour, chain: scenario.presented });
  servers.push(server);
  return { scenario, server };
}

async function failure(port: number): Promise<{ error: ProbeError; ms: number }> {
  const started = Date.now();
  const error = await probe({ target: `127.0.0.1:${port}`, deadlineMs: 10_000 }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the probe should have failed').toBeInstanceOf(ProbeError);
  return { error: error as ProbeError, ms: Date.now() - started };
}

describe("OpenSSL's words for a handshake signature that does not verify", () => {
  it('include an RSA signature beyond the modulus (one made with another, larger key)', () => {
    // As Node reported it in CI, for a CertificateVerify signed with another RSA-2048 key.
    expect(
      isSignatureFailure(
        'ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_MODULUS',
        'error:02000084:rsa routines:rsa_ossl_public_decrypt:data too large for modulus',
      ),
    ).toBe(true);
    expect(isSignatureFailure('ERR_OSSL_BAD_SIGNATURE', 'bad signature')).toBe(true);
    expect(isSignatureFailure('ECONNRESET', 'socket hang up')).toBe(false);
  });
});

describe('a server whose handshake signature does not match its certificate', () => {
  for (const keySpec of ['p256', 'rsa2048'] as const) {
    it(`TLS 1.3 CertificateVerify (${keySpec}): bad-signature, named, with the chain kept`, async () => {
      const { scenario, server } = await hostile('bad-certificate-verify', keySpec);
      const { error, ms } = await failure(server.port);
      expect(error.code, error.message).toBe('bad-signature');
      expect(error.message).toBe(
        "the server's CertificateVerify signature does not verify with the key of the certificate it sent: it did not prove it holds that certificate's private key (a misconfigured server, or someone in the middle)",
      );
      expect(error.partial?.version).toBe('TLS 1.3');
      expect(error.partial?.messages?.map((message) => message.name)).toEqual([
        'ClientHello',
        'ServerHello',
        'EncryptedExtensions',
        'Certificate',
        'CertificateVerify',
        'Finished',
      ]);
      expect(error.partial?.presented).toEqual(scenario.presented.map((certificate) => certificate.der));
      expect(ms).toBeLessThan(5000);
    });
  }

  it('TLS 1.2 ServerKeyExchange: bad-signature, named, with the chain kept', async () => {
    const { scenario, server } = await hostile('bad-server-key-exchange');
    const { error } = await failure(server.port);
    expect(error.code, error.message).toBe('bad-signature');
    expect(error.message).toMatch(/^the server's ServerKeyExchange signature does not verify/);
    expect(error.partial?.version).toBe('TLS 1.2');
    expect(error.partial?.presented).toEqual(scenario.presented.map((certificate) => certificate.der));
  });

  it('reaches the UI as data: the API outcome carries the code, the message and the chain', async () => {
    const { scenario, server } = await hostile('bad-certificate-verify');
    const outcome = await createProbeService().probeHost({ target: `127.0.0.1:${server.port}` }, 'hostile-1');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.code).toBe('bad-signature');
    expect(outcome.failure.partial?.presented).toHaveLength(scenario.presented.length);
  });
});

describe('a server that closes right after its ServerHello', () => {
  it('ends at once with "closed", naming the ServerHello, and keeps the messages seen', async () => {
    const { server } = await hostile('close-after-server-hello');
    const { error, ms } = await failure(server.port);
    expect(error.code, error.message).toBe('closed');
    expect(error.message).toBe(
      'the server closed the connection right after its ServerHello, in the middle of the handshake',
    );
    expect(error.partial?.messages?.map((message) => message.name)).toEqual(['ClientHello', 'ServerHello']);
    expect(error.partial?.version).toBe('TLS 1.3');
    expect(error.partial?.presented).toBeUndefined();
    expect(ms).toBeLessThan(5000);
  });

  it('the server survives many such connections in a row (no crash, no leak into the next probe)', async () => {
    const { server } = await hostile('close-after-server-hello');
    for (let round = 0; round < 5; round++) expect((await failure(server.port)).error.code).toBe('closed');
  });
});

describe('a server whose certificate list is larger than TLS clients accept', () => {
  // OpenSSL stops reading at the oversized message's header, so its certificates never arrive.
  it('says so in plain words, quickly', async () => {
    const { nameConstraintTangle } = await import('../../support/hostile-chains');
    const { startNodeTlsServer } = await import('../../../src-main/services/lab');
    const tangle = await nameConstraintTangle('uri');
    const chain = [tangle.leaf, ...tangle.intermediates];
    const server = await startNodeTlsServer({ chain });
    servers.push(server);
    const { error, ms } = await failure(server.port);
    expect(error.message).toMatch(/larger than TLS clients accept .*100 KiB/);
    expect(ms).toBeLessThan(5000);
  });
});

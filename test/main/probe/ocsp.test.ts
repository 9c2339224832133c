/** Stapled OCSP from a real `openssl s_server -status_file`, captured by the probe and checked by the verifier. */
import { describe, expect, it } from 'vitest';
import { verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import { buildScenario, createOcspResponse, issueCert, startOpensslServer } from '../../lab';
import { probe } from '../../../src-main/services/probe';

describe('OCSP stapling', () => {
  for (const version of ['1.2', '1.3'] as const) {
    it(`captures a stapled response (TLS ${version}) that the verifier accepts as good`, async () => {
      const scenario = await buildScenario('good');
      const response = createOcspResponse(scenario.leaf, scenario.intermediates[0], 'good');
      const server = await startOpensslServer({
        chain: scenario.presented,
        tlsVersion: version,
        statusFile: response,
      });
      try {
        const result = await probe({ target: `127.0.0.1:${server.port}` });
        expect(result.handshake.stapledOcsp).toEqual(response);
        const verdict = await verifyProbeResult(result, {
          anchors: [{ name: 'public', certificates: [scenario.root.der] }],
          expiryDays: 0,
        });
        expect(verdict?.findings.map((item) => item.code)).toEqual([]);
        expect(verdict?.trusted).toBe(true);
      } finally {
        await server.close();
      }
    });
  }

  it('a stapled "revoked" answer makes the chain untrusted', async () => {
    const scenario = await buildScenario('good');
    const server = await startOpensslServer({
      chain: scenario.presented,
      statusFile: createOcspResponse(scenario.leaf, scenario.intermediates[0], 'revoked'),
    });
    try {
      const verdict = await verifyProbeResult(await probe({ target: `127.0.0.1:${server.port}` }), {
        anchors: [{ name: 'public', certificates: [scenario.root.der] }],
        expiryDays: 0,
      });
      expect(verdict?.findings.map((item) => item.code)).toContain('revoked');
      expect(verdict?.trusted).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('must-staple without a stapled response is reported', async () => {
    const scenario = await buildScenario('good');
    const leaf = await issueCert({
      commonName: scenario.host,
      issuer: scenario.intermediates[0],
      dnsNames: [scenario.host],
      ipAddresses: ['127.0.0.1'],
      mustStaple: true,
    });
    const server = await startOpensslServer({ chain: [leaf, scenario.intermediates[0]] });
    try {
      const verdict = await verifyProbeResult(await probe({ target: `127.0.0.1:${server.port}` }), {
        anchors: [{ name: 'public', certificates: [scenario.root.der] }],
        expiryDays: 0,
      });
      expect(verdict?.findings.map((item) => item.code)).toContain('must-staple-missing');
    } finally {
      await server.close();
    }
  });
});

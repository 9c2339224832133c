/** Findings about the connection itself, added when a probe result is verified. */
import { describe, expect, it } from 'vitest';
import { connectionFindingCodes, verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import type { ProbeResult } from '../../../src-core/tls/types';
import { buildScenario } from '../../../src-main/services/lab';

async function probed(version: string): Promise<{ result: ProbeResult; anchors: Uint8Array[] }> {
  const scenario = await buildScenario('good');
  return {
    anchors: scenario.anchors.map((certificate) => certificate.der),
    result: {
      target: {
        host: scenario.host,
        asciiHost: scenario.host,
        port: 443,
        sni: scenario.host,
        address: '127.0.0.1',
        resolvedAddresses: ['127.0.0.1'],
        isIp: false,
      },
      presented: scenario.presented.map((certificate) => certificate.der),
      presentedSource: 'wire',
      handshake: {
        version,
        cipherSuite: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
        helloRetryRequest: false,
        resumed: false,
        clientCertificateSent: false,
        messages: [],
      },
      timings: { dnsMs: 0, connectMs: 0, tlsMs: 0, totalMs: 0 },
      notes: [],
    },
  };
}

describe('legacy-tls-version', () => {
  for (const version of ['SSL 3.0', 'TLS 1.0', 'TLS 1.1']) {
    it(`${version}: a warning that browsers refuse it; the chain stays trusted`, async () => {
      const { result, anchors } = await probed(version);
      const verdict = await verifyProbeResult(result, {
        anchors: [{ name: 'public', certificates: anchors }],
      });
      expect(verdict?.trusted).toBe(true);
      expect(verdict?.findings).toContainEqual({
        code: 'legacy-tls-version',
        severity: 'warning',
        detail: `the server negotiated ${version}`,
      });
    });
  }

  it('TLS 1.2 and 1.3: none', async () => {
    for (const version of ['TLS 1.2', 'TLS 1.3']) {
      const { result, anchors } = await probed(version);
      const verdict = await verifyProbeResult(result, {
        anchors: [{ name: 'public', certificates: anchors }],
      });
      expect(verdict?.findings.map((item) => item.code)).not.toContain('legacy-tls-version');
    }
  });

  it('is the one connection finding', () => {
    expect(connectionFindingCodes).toEqual(['legacy-tls-version']);
  });
});

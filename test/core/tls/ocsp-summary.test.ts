/** The stapled-OCSP outline: read as `openssl ocsp -resp_text` reads the same response; never throws. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOcspResponse, summarizeOcspResponse } from '../../../src-core/tls/ocsp-summary';
import { buildScenario, createOcspResponse } from '../../lab';

function opensslText(der: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'certscope-ocsp-summary-'));
  try {
    writeFileSync(join(dir, 'r.der'), der);
    return execFileSync('openssl', ['ocsp', '-respin', join(dir, 'r.der'), '-resp_text', '-noverify'], {
      stdio: 'pipe',
    }).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** openssl's `Dec  2 10:00:00 2026 GMT` as a Date. */
const opensslDate = (text: string, field: string) =>
  new Date(new RegExp(`${field}: (.+)`).exec(text)?.[1].trim().replace(' GMT', ' UTC') ?? '');

describe('summarizeOcspResponse', () => {
  for (const status of ['good', 'revoked'] as const) {
    it(`${status}: status and dates as openssl reads them`, async () => {
      const scenario = await buildScenario('good');
      const der = createOcspResponse(scenario.leaf, scenario.intermediates[0], status);
      const summary = summarizeOcspResponse(der);
      const text = opensslText(der);
      expect(summary?.responseStatus).toBe('successful');
      expect(summary?.certStatus).toBe(/Cert Status: (\w+)/.exec(text)?.[1]);
      expect(summary?.producedAt?.getTime()).toBe(opensslDate(text, 'Produced At').getTime());
      expect(summary?.thisUpdate?.getTime()).toBe(opensslDate(text, 'This Update').getTime());
      expect(summary?.nextUpdate?.getTime()).toBe(opensslDate(text, 'Next Update').getTime());
      expect(describeOcspResponse(der)).toMatch(
        new RegExp(`^${status} \\(produced .* UTC, next update .* UTC\\), ${der.length} bytes$`),
      );
    });
  }

  it('a responder error (tryLater) has a status and nothing else', () => {
    const der = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x03]);
    expect(summarizeOcspResponse(der)).toEqual({ responseStatus: 'tryLater' });
    expect(describeOcspResponse(der)).toBe('the responder answered "tryLater", 5 bytes');
  });

  it('bytes that are not an OCSP response, or cut short anywhere, are "unreadable", not a crash', async () => {
    const scenario = await buildScenario('good');
    const der = createOcspResponse(scenario.leaf, scenario.intermediates[0]);
    expect(summarizeOcspResponse(new Uint8Array([0x02, 0x01, 0x00]))).toBeUndefined();
    for (let cut = 0; cut < der.length; cut += 7) {
      expect(() => describeOcspResponse(der.subarray(0, cut))).not.toThrow();
    }
    expect(describeOcspResponse(new Uint8Array([1, 2, 3]))).toBe('unreadable, 3 bytes');
  });
});

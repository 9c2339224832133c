import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { readVerifyCert } from '../../../src-core/verify/cert';
import { fastSubjectKey } from '../../../src-core/verify/fast-name';
import { loadLimbo, pemToDer } from '../../conformance/limbo';

describe('fastSubjectKey', () => {
  it('reads the same normalised subject as the full parse, for every Mozilla root and limbo certificate', async () => {
    const ders = [
      ...rootCertificates.map(pemToDer),
      ...loadLimbo().flatMap((testcase) =>
        [testcase.peer_certificate, ...testcase.trusted_certs].map(pemToDer),
      ),
    ];
    let compared = 0;
    for (const der of ders) {
      const full = await readVerifyCert(der).catch(() => undefined);
      const fast = fastSubjectKey(der);
      if (!full || fast === undefined) continue;
      expect(fast).toBe(full.subjectKey);
      compared++;
    }
    expect(compared).toBeGreaterThan(rootCertificates.length);
  });

  it('gives up (undefined) on bytes it cannot read, instead of guessing', () => {
    expect(fastSubjectKey(new Uint8Array([0x30, 0x05, 0x01]))).toBeUndefined();
    expect(fastSubjectKey(new Uint8Array(0))).toBeUndefined();
  });
});

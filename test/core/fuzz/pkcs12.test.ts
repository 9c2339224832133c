/**
 * Property tests on hostile PKCS#12 files and encrypted PKCS#8 keys: real files made by openssl,
 * mutated (bit flips, truncation, insertions, length-field edits). The readers must always answer
 * — a result or their own typed error — and never hang.
 */
import { describe, expect, it } from 'vitest';
import { pkcs12Properties, runProperty } from '../../../fuzz/properties';

describe('PKCS#12 and private-key readers never crash on mutated input', () => {
  for (const property of pkcs12Properties) {
    it(`${property.name} (${property.cases} cases)`, async () => {
      const failure = await runProperty(property, { numRuns: property.cases, seed: 20261201 });
      expect(failure).toBeUndefined();
    }, 60_000);
  }
});

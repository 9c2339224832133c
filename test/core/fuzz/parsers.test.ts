/**
 * Property tests on hostile bytes: real certificates, PKCS#7 bundles and recorded TLS handshakes,
 * mutated (bit flips, truncation, insertions, length-field edits). The parsers must always answer
 * — a result or their own typed error — and never hang. `npm run fuzz` runs the same properties
 * for as long as asked.
 */
import { describe, expect, it } from 'vitest';
import { parserProperties, runProperty } from '../../../fuzz/properties';

describe('parsers never crash on mutated input', () => {
  for (const property of parserProperties) {
    it(`${property.name} (${property.cases} cases)`, async () => {
      const failure = await runProperty(property, { numRuns: property.cases, seed: 20261122 });
      expect(failure).toBeUndefined();
    }, 120_000);
  }
});

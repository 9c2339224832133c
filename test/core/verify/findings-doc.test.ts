import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingDefinitions } from '../../../src-core/verify';
import { findingsMarkdown } from '../../../src-core/verify/findings-doc';

describe('docs/findings.md', () => {
  it('is exactly what the registry generates (run `npm run docs:findings` after changing a finding)', () => {
    expect(readFileSync(resolve(import.meta.dirname, '../../../docs/findings.md'), 'utf8')).toBe(
      findingsMarkdown(),
    );
  });

  it('explains every code with a title, an explanation and a fix', () => {
    for (const [code, definition] of Object.entries(findingDefinitions)) {
      expect(definition.title.length, code).toBeGreaterThan(3);
      expect(definition.explanation.length, code).toBeGreaterThan(40);
      expect(definition.fix.length, code).toBeGreaterThan(15);
    }
  });
});

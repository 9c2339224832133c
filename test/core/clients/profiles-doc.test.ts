import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientIds, clientProfiles } from '../../../src-core/clients';
import { clientProfilesMarkdown } from '../../../src-core/clients/profiles-doc';

describe('docs/client-profiles.md', () => {
  it('is exactly what the profiles generate (run `npm run docs:clients` after changing a profile)', () => {
    expect(readFileSync(resolve(import.meta.dirname, '../../../docs/client-profiles.md'), 'utf8')).toBe(
      clientProfilesMarkdown(),
    );
  });

  it('says, for every client, its store, its AIA behaviour and each rule knob it sets', () => {
    const text = clientProfilesMarkdown();
    for (const id of clientIds) {
      const section = text
        .split(/^## /m)
        .find(
          (part) =>
            part.startsWith(`${clientProfiles[id].name}\n`) ||
            part.startsWith(`${clientProfiles[id].name} —`),
        );
      expect(section, id).toBeDefined();
      expect(section).toMatch(/\*\*Store:\*\*/);
      expect(section).toMatch(/\*\*Missing intermediates \(AIA\):\*\*/);
      expect(section).not.toMatch(/undefined/);
      if (Object.keys(clientProfiles[id].rules).length) expect(section, id).toMatch(/\*\*Rules:\*\*/);
    }
  });
});

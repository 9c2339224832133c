/** `npm run docs:clients`: regenerates docs/client-profiles.md from the client profiles. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clientProfilesMarkdown } from '../src-core/clients/profiles-doc';

writeFileSync(resolve(import.meta.dirname, '../docs/client-profiles.md'), clientProfilesMarkdown());
console.log('docs/client-profiles.md written');

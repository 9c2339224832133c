/** `npm run docs:findings`: regenerates docs/findings.md from the findings registry. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findingsMarkdown } from '../src-core/verify/findings-doc';

writeFileSync(resolve(import.meta.dirname, '../docs/findings.md'), findingsMarkdown());
console.log('docs/findings.md written');

/**
 * `certscope verify` on files of a hostile chain (issue 15 item 2): a leaf with 1,000 names of
 * one form under 13 CAs with 1,000 name constraints each ends in well under 2 s with the
 * too-much-work finding, exit 1. Minted at test time; the time bound only proves there is no hang
 * (the CLI's modules are loaded by a first, ordinary run, so the bound times the verification).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { memoryIo } from '../main/support/cli-io';
import { nameConstraintTangle, type NameConstraintTangle, type NameForm } from '../support/hostile-chains';

describe('certscope verify on a name-constraint tangle', () => {
  let dir: string;
  const tangles = new Map<NameForm, NameConstraintTangle>();
  const args = (name: string, host: string) => [
    'verify',
    join(dir, `${name}-leaf.pem`),
    join(dir, `${name}-cas.pem`),
    '--ca',
    join(dir, `${name}-root.pem`),
    '--ca-only',
    '--host',
    host,
    '--no-aia',
  ];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certscope-budget-'));
    for (const form of ['uri', 'dns', 'email', 'small'] as const) {
      const tangle = await (form === 'small'
        ? nameConstraintTangle('dns', { names: 5, constraints: 5, cas: 3 })
        : nameConstraintTangle(form));
      await writeFile(join(dir, `${form}-leaf.pem`), tangle.leaf.pem);
      await writeFile(
        join(dir, `${form}-cas.pem`),
        tangle.intermediates.map((certificate) => certificate.pem).join(''),
      );
      await writeFile(join(dir, `${form}-root.pem`), tangle.root.pem);
      if (form !== 'small') tangles.set(form, tangle);
      // The small one is an ordinary chain: it loads the CLI's modules, and it is trusted.
      else expect(await runCli(args('small', tangle.host), memoryIo())).toBe(0);
    }
  }, 120_000);

  for (const form of ['uri', 'dns', 'email'] as const) {
    it(`${form} names: too-much-work, exit 1, in well under 2 s`, async () => {
      const tangle = tangles.get(form) as NameConstraintTangle;
      const io = memoryIo();
      const started = performance.now();
      const code = await runCli(args(form, tangle.host), io);
      const ms = performance.now() - started;
      expect(code).toBe(1);
      expect(io.out).toContain('NOT TRUSTED');
      expect(io.out).toMatch(
        /ERROR +too-much-work: Verification stopped: too much work \(tangle\.test\) — [\d,]+ name-constraint comparisons on one path \(limit 1,048,576\)/,
      );
      expect(ms).toBeLessThan(2000);
    });
  }
});

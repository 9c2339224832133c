/**
 * `certscope stores`: the programs with their versions, dates and counts; a root's memberships by
 * SHA-256 or file; a program's roots as a list or a PEM bundle; and the usage errors.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { issueCert } from '../../src-main/services/lab';
import { loadRootProgramCertificates } from '../../src-main/services/trust/root-programs';
import { memoryIo } from '../main/support/cli-io';

const isrgRootX1 = '96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6';
const epki = 'c0a6f4dc63a24bfdcf54ef2a6a082a0a72de35803e2ff5ff527ae5d87206dfd5';

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(['stores', ...argv], io);
  return { code, out: io.out, err: io.err };
}

describe('certscope stores', () => {
  it('lists every program with its version, date and counts, and the stores the verdict uses', async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    expect(out).toMatch(/chrome\s+Chrome Root Store\s+36\s+not recorded\s+104/);
    expect(out).toMatch(/mozilla\s+Mozilla NSS\s+2026-07-19\s+121/);
    expect(out).toMatch(/apple\s+Apple\s+iOS 26\s+2025-12-28\s+156/);
    expect(out).toMatch(/microsoft\s+Microsoft\s+2026-07-19\s+331\s+218/);
    expect(out).toMatch(/android\s+Android \(AOSP\)\s+17\.0\.0_r1\s+2026-06-21\s+145/);
    expect(out).toMatch(/openjdk\s+OpenJDK\s+jdk-17\.0\.2\s+2022-01-23\s+89\s+38/);
    expect(out).toMatch(/oracle\s+Oracle Java\s+jdk-13\.0\.2\s+2020-01-16\s+93\s+19/);
    expect(out).toContain('26 anchors with constraints, 59 with EV policy OIDs');
    expect(out).toMatch(/public\s+\d+ roots — the Mozilla roots bundled with Node/);
  });

  it('--json carries the same', async () => {
    const { code, out } = await run('--json');
    expect(code).toBe(0);
    const data = JSON.parse(out) as { programs: { id: string; trusted: number }[]; uniqueRoots: number };
    expect(data.programs.map((program) => [program.id, program.trusted])).toEqual([
      ['chrome', 104],
      ['mozilla', 121],
      ['apple', 156],
      ['microsoft', 331],
      ['android', 145],
      ['openjdk', 89],
      ['oracle', 93],
    ]);
    expect(data.uniqueRoots).toBe(398);
  });

  it("--root SHA-256 shows a root's memberships and Chrome's constraint in words", async () => {
    const { code, out } = await run('--root', epki.toUpperCase().match(/../g)!.join(':'));
    expect(code).toBe(0);
    expect(out).toContain('ePKI Root Certification Authority');
    expect(out).toMatch(
      /Chrome Root Store 36:\s+included — Chrome 139 and later: distrusted for certificates issued after 2025-07-31; before Chrome 139: trusted with no date limit/,
    );
    expect(out).toMatch(/Mozilla NSS, as of 2026-07-19:\s+not included/);
    expect(out).toMatch(/Apple iOS 26, as of 2025-12-28:\s+included/);
  });

  it('--root FILE looks up every certificate in it; a private root is in no program (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-stores-'));
    const isrg = (await loadRootProgramCertificates()).der(isrgRootX1)!;
    const pem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(isrg).toString('base64')}\n-----END CERTIFICATE-----\n`;
    writeFileSync(join(dir, 'isrg.pem'), pem);
    const listed = await run('--root', join(dir, 'isrg.pem'), '--json');
    expect(listed.code).toBe(0);
    const [facts] = JSON.parse(listed.out) as {
      sha256: string;
      trustedBy: string[];
      chrome: { crsRootId: number };
    }[];
    expect(facts.sha256).toBe(isrgRootX1);
    expect(facts.trustedBy).toHaveLength(7);
    expect(facts.chrome.crsRootId).toBe(45);

    const privateRoot = await issueCert({ commonName: 'Private Stores Root', isCa: true });
    writeFileSync(join(dir, 'private.der'), privateRoot.der);
    const unlisted = await run('--root', join(dir, 'private.der'));
    expect(unlisted.code).toBe(1);
    expect(unlisted.out).toContain('(a certificate no program ships)');
    expect(unlisted.out).toMatch(/Chrome Root Store 36:\s+not included/);
  });

  it('--root of a root Microsoft blocks says so', async () => {
    const { code, out } = await run(
      '--root',
      '001686cd181f83a1b1217d305b365c41e3470a78a1d37b134a98cd547b92dab3',
    );
    expect(code).toBe(1);
    expect(out).toMatch(/Microsoft, as of 2026-07-19:\s+BLOCKED/);
  });

  it("--program lists a program's roots; --pem writes them as one bundle", async () => {
    const listed = await run('--program', 'chrome');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(
      /Buypass Class 2 Root CA {2}\(distrusted for certificates issued after 2025-10-31\)/,
    );
    const pem = await run('--program', 'openjdk', '--pem');
    expect(pem.out.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(89);
    const java = JSON.parse((await run('--program', 'openjdk', '--json')).out) as { blocked: string[] };
    expect(java.blocked).toHaveLength(38);
  });

  it('usage errors exit 2 with the reason', async () => {
    expect(await run('--program', 'opera')).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown program "opera"'),
    });
    expect(await run('--pem')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--pem goes with --program'),
    });
    expect(await run('--root', '/no/such/file')).toMatchObject({
      code: 2,
      err: expect.stringContaining('neither a SHA-256 nor a file'),
    });
    expect(await run('--root', epki, '--program', 'chrome')).toMatchObject({ code: 2 });
  });
});

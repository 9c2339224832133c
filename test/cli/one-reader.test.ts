/**
 * `certscope show` and `certscope verify` on a certificate whose SAN dNSName holds UTF-8 bytes
 * (not a valid IA5String): both say the same marked name, and both flag it (issue 13: show used
 * to print `biztosítás.hu`, verify `biztosÃ­tás.hu`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encode } from '../../src-core/asn1/encode';
import { runCli } from '../../src-main/cli/main';
import { issueCert } from '../../src-main/services/lab';
import { memoryIo } from '../main/support/cli-io';

describe('show and verify read a SAN the same way', () => {
  it('a dNSName with UTF-8 bytes: the same \\xNN-marked name, flagged by both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-one-reader-'));
    const root = await issueCert({ commonName: 'One Reader Root', isCa: true });
    const name = new TextEncoder().encode('biztosítás.hu');
    const leaf = await issueCert({
      commonName: 'biztositas.hu',
      issuer: root,
      extraExtensions: [{ oid: '2.5.29.17', critical: false, valueDer: encode(0x30, encode(0x82, name)) }],
    });
    writeFileSync(join(dir, 'leaf.pem'), leaf.pem);
    writeFileSync(join(dir, 'root.pem'), root.pem);
    const marked = 'biztos\\xc3\\xadt\\xc3\\xa1s.hu';

    const show = memoryIo();
    expect(await runCli(['show', join(dir, 'leaf.pem')], show)).toBe(0);
    expect(show.out).toContain(`names     DNS:${marked}`);
    expect(show.out).toContain(`DNS name: ${marked} [bytes outside ASCII in a IA5String]`);

    const showJson = memoryIo();
    await runCli(['show', join(dir, 'leaf.pem'), '--json'], showJson);
    const [item] = JSON.parse(showJson.out) as { sans: string[] }[];
    expect(item.sans).toEqual([`DNS:${marked}`]);

    const verify = memoryIo();
    await runCli(
      ['verify', join(dir, 'leaf.pem'), '--ca', join(dir, 'root.pem'), '--ca-only', '--json'],
      verify,
    );
    const report = JSON.parse(verify.out) as { findings: { code: string; detail?: string }[] };
    const profile = report.findings.find((finding) => finding.code === 'profile-violation');
    expect(profile?.detail).toContain(`invalid DNS name in subjectAltName: ${marked}`);
    for (const text of [show.out, verify.out]) expect(text).not.toMatch(/Ã|biztosítás|\uFFFD/);
  });
});

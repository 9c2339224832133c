/**
 * A 20 MiB PEM file of 355,000 garbage blocks (issue 15) took 7 s to read in the CLI and froze
 * the page for 83 s drawing one message per block. Now the first few are described, the rest
 * summed up in one line with the count and where the first one is, and reading stops after
 * `maxUnreadableBlocks` of them. Certificates among a few broken blocks are still read.
 */
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src-core/inspect/decode-input';
import { decodeLimits } from '../../../src-core/inspect/decode-limits';
import { issueCert } from '../../../src-main/services/lab';

const garbageBlock = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
const encode = (text: string) => new TextEncoder().encode(text);

describe('unreadable PEM blocks', () => {
  it('a 20 MiB file of 355,000 garbage blocks: six messages, the count, where the first is', async () => {
    const prose = 'Our chain, as promised:\n';
    const count = Math.floor((decodeLimits.maxFileBytes - prose.length) / garbageBlock.length);
    expect(count).toBeGreaterThan(355_000);
    const bytes = encode(prose + garbageBlock.repeat(count));
    const started = performance.now();
    const result = await decodeInput({ name: 'garbage.pem', bytes });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.items).toEqual([]);
    expect(result.errors).toHaveLength(6);
    expect(result.errors.slice(0, 5).map((error) => error.message)).toEqual(
      [1, 2, 3, 4, 5].map((block) =>
        expect.stringMatching(
          new RegExp(`^garbage\\.pem, block ${block} \\(CERTIFICATE at character \\d+\\)`),
        ),
      ),
    );
    const summary = result.errors[5];
    expect(summary).toMatchObject({ code: 'malformed', offset: prose.length, repeated: count - 5 });
    expect(summary.message).toBe(
      `garbage.pem: ${count.toLocaleString('en-US')} blocks could not be read; first at byte ${prose.length}. ` +
        'The first 5 are described above. After 1,000 unreadable blocks Certscope stopped reading: ' +
        `the last ${(count - 1000).toLocaleString('en-US')} were only counted.`,
    );
  });

  it('a few broken blocks among certificates: every certificate read, the broken ones summed up', async () => {
    const first = await issueCert({ commonName: 'Among Garbage One' });
    const second = await issueCert({ commonName: 'Among Garbage Two' });
    const text = garbageBlock.repeat(3) + first.pem + garbageBlock.repeat(40) + second.pem + garbageBlock;
    const result = await decodeInput({ name: 'mixed.pem', bytes: encode(text) });
    expect(result.items.map((item) => item.subjectDisplayName)).toEqual([
      'Among Garbage One',
      'Among Garbage Two',
    ]);
    expect(result.errors).toHaveLength(6);
    expect(result.errors[5].message).toBe(
      'mixed.pem: 44 blocks could not be read; first at byte 0. The first 5 are described above.',
    );
  });

  it('five or fewer: each described, no summary', async () => {
    const result = await decodeInput({ name: 'few.pem', bytes: encode(garbageBlock.repeat(5)) });
    expect(result.errors).toHaveLength(5);
    expect(result.errors.some((error) => error.repeated)).toBe(false);
  });

  it('says where the first one is in bytes, not characters, after non-ASCII prose', async () => {
    const prose = 'Zertifikate für Ärzte — bitte prüfen:\n';
    const result = await decodeInput({ name: 'umlaut.pem', bytes: encode(prose + garbageBlock.repeat(8)) });
    expect(result.errors[5].offset).toBe(encode(prose).length);
  });
});

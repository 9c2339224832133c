/**
 * `certscope verify --batch` verifies several requests side by side; its answers still come one
 * per request, in request order, whichever finishes first (more requests than are ever in flight).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { maxBatchLine } from '../../src-main/cli/commands/verify';
import { buildScenario } from '../../src-main/services/lab';
import { memoryIo } from '../main/support/cli-io';

describe('certscope verify --batch ordering', () => {
  it('answers 25 requests (verifications and instant errors mixed) in request order', async () => {
    const scenario = await buildScenario('good');
    const dir = await mkdtemp(join(tmpdir(), 'certscope-batch-order-'));
    const lines = Array.from({ length: 25 }, (_, id) =>
      id % 3 === 1
        ? JSON.stringify({ id, leaf: 'not PEM' })
        : JSON.stringify({
            id,
            leaf: scenario.leaf.pem,
            intermediates: [scenario.intermediates[0].pem],
            anchors: [scenario.root.pem],
            host: scenario.host,
          }),
    );
    await writeFile(join(dir, 'requests.jsonl'), lines.join('\n') + '\n');
    const io = memoryIo();
    expect(await runCli(['verify', '--batch', join(dir, 'requests.jsonl')], io)).toBe(1);
    const answers = io.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; trusted?: boolean; error?: string });
    expect(answers.map((answer) => answer.id)).toEqual(lines.map((_, id) => id));
    for (const answer of answers) {
      if (answer.id % 3 === 1) expect(answer.error).toBeDefined();
      else expect(answer.trusted).toBe(true);
    }
  });

  it('takes LF, CRLF and lone CR line ends and a last line without one, and answers an overlong line with an error', async () => {
    const scenario = await buildScenario('good');
    const dir = await mkdtemp(join(tmpdir(), 'certscope-batch-lines-'));
    const request = (id: number) =>
      JSON.stringify({
        id,
        leaf: scenario.leaf.pem,
        intermediates: [scenario.intermediates[0].pem],
        anchors: [scenario.root.pem],
        host: scenario.host,
      });
    // The overlong line spans many read chunks; the request after it is still read and answered.
    const overlong = 'x'.repeat(maxBatchLine + 1024);
    const text = `${request(0)}\r\n${request(1)}\r${request(2)}\n\n${overlong}\n${request(3)}\r\n${request(4)}`;
    await writeFile(join(dir, 'requests.jsonl'), text);
    const io = memoryIo();
    expect(await runCli(['verify', '--batch', join(dir, 'requests.jsonl')], io)).toBe(1);
    const answers = io.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number | null; trusted?: boolean; error?: string });
    expect(answers.map((answer) => answer.id)).toEqual([0, 1, 2, null, 3, 4]);
    expect(answers[3].error).toMatch(/longer than 16 MiB/);
    expect(answers.filter((answer) => answer.trusted)).toHaveLength(5);
  });
});

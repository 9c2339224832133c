/**
 * What web mode costs: a contract call through the loopback HTTP adapter (token check, JSON wire
 * encoding, validation) beside the same call made directly on the services, in the same run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWire } from '../src-core/api/wire';
import { createApi } from '../src-main/services/api';
import { startWebServer } from '../src-main/web/server';
import { formatMs, formatRatio, markdownTable, median, timeRepeated } from './stats';

export default async function run(): Promise<string> {
  const staticDir = await mkdtemp(join(tmpdir(), 'certscope-bench-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html>');
  const api = createApi({ mode: 'web' });
  const server = await startWebServer({ api, staticDir });
  const headers = { 'Content-Type': 'application/json', 'X-Certscope-Token': server.token };
  const body = encodeWire({ args: [] });
  const viaHttp = async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/getAppInfo`, {
      method: 'POST',
      headers,
      body,
    });
    await response.text();
  };
  const direct = () => api.getAppInfo();
  const rounds = 5;
  const httpMedians: number[] = [];
  const directMedians: number[] = [];
  for (let round = 0; round < rounds; round++) {
    httpMedians.push(median(await timeRepeated(viaHttp, 200, 20)));
    directMedians.push(median(await timeRepeated(direct, 200, 20)));
  }
  await server.close();
  await rm(staticDir, { recursive: true, force: true });
  const http = median(httpMedians);
  const baseline = median(directMedians);
  return markdownTable(
    ['call', 'median (5 rounds × 200)', 'vs direct'],
    [
      ['getAppInfo, direct service call (baseline)', formatMs(baseline), formatRatio(1)],
      ['getAppInfo through web mode (loopback HTTP)', formatMs(http), formatRatio(http / baseline)],
    ],
  );
}

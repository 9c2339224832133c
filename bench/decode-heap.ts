/**
 * Run by decode.bench.ts in a fresh process with --expose-gc: parses every certificate in the
 * given file, keeps the results, and prints the memory held per certificate as JSON.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readCertificate } from '../src-core/x509/certificate';

const [file, parser] = process.argv.slice(2);
const ders = (JSON.parse(readFileSync(file, 'utf8')) as string[]).map(
  (base64) => new Uint8Array(Buffer.from(base64, 'base64')),
);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const settle = () => {
  for (let i = 0; i < 3; i++) gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed + usage.arrayBuffers, rss: usage.rss };
};
// Warm up the code paths (so compiled code isn't counted), then measure.
const parse = (der: Uint8Array): unknown =>
  parser === 'ours' ? readCertificate(der) : new X509Certificate(der);
for (const der of ders.slice(0, 200)) parse(der);
const before = settle();
const kept = ders.map(parse);
const after = settle();
console.log(
  JSON.stringify({
    heap: (after.heap - before.heap) / kept.length,
    rss: (after.rss - before.rss) / kept.length,
    count: kept.length,
  }),
);

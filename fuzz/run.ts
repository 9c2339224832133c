/**
 * `npm run fuzz -- --minutes N`: runs every parser property with fresh random seeds until the time
 * is up, and prints how many cases ran. A failure prints the input as hex: commit it as a
 * regression test.
 */
import { parserProperties, pkcs12Properties, runProperty } from './properties';

const index = process.argv.indexOf('--minutes');
const minutes = index >= 0 ? Number(process.argv[index + 1]) : 1;
if (!(minutes > 0)) {
  console.error('usage: npm run fuzz -- --minutes N');
  process.exit(2);
}
const deadline = Date.now() + minutes * 60_000;
const counts = new Map<string, number>();
let failures = 0;
while (Date.now() < deadline) {
  for (const property of [...parserProperties, ...pkcs12Properties]) {
    const seed = Date.now() ^ Math.floor(Math.random() * 2 ** 31);
    const failure = await runProperty(property, { numRuns: 1000, seed });
    counts.set(property.name, (counts.get(property.name) ?? 0) + 1000);
    if (failure) {
      failures++;
      console.error(`FAILURE (seed ${seed})\n${failure}\n`);
    }
    if (Date.now() >= deadline) break;
  }
}
console.log('| property | cases |\n| --- | --- |');
for (const [name, count] of counts) console.log(`| ${name} | ${count} |`);
console.log(
  `\nTotal: ${[...counts.values()].reduce((sum, count) => sum + count, 0)} cases, ${failures} failure(s).`,
);
process.exit(failures ? 1 : 0);

/**
 * PKCS#12 reading with the hashes of @noble/hashes (the library replaced a hand-written SHA/MD5
 * of our own): files openssl makes at the iteration counts real tools use — 2,048 (OpenSSL,
 * Windows), 10,000 (Java), 100,000 — legacy (3DES/RC2, SHA-1 PKCS#12 KDF) and current (AES,
 * PBKDF2, SHA-256 MAC), each beside `openssl pkcs12` reading the same file in the same run.
 * The PKCS#12 KDF and PBES1 run their rounds in JS; PBKDF2 and the MAC's HMAC go to WebCrypto.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPkcs12 } from '../src-core/pkcs/pkcs12';
import { formatMs, formatRatio, markdownTable, median, timeRepeated } from './stats';

export default async function run(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'certscope-bench-p12-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file('key.pem'),
    '-out',
    file('cert.pem'),
    '-subj',
    '/CN=bench',
    '-days',
    '30',
  );
  const rows: (string | number)[][] = [];
  for (const iterations of [2048, 10_000, 100_000]) {
    for (const legacy of [true, false]) {
      const name = file(`${legacy ? 'legacy' : 'aes'}-${iterations}.p12`);
      openssl(
        'pkcs12',
        '-export',
        ...(legacy ? ['-legacy'] : []),
        '-in',
        file('cert.pem'),
        '-inkey',
        file('key.pem'),
        '-out',
        name,
        '-passout',
        'pass:secret',
        '-iter',
        String(iterations),
      );
      const bytes = new Uint8Array(readFileSync(name));
      const repeats = iterations >= 100_000 ? 3 : 7;
      const ours = median(await timeRepeated(() => readPkcs12(bytes, 'secret'), repeats));
      const native = median(
        await timeRepeated(() => {
          const result = spawnSync('openssl', [
            'pkcs12',
            ...(legacy ? ['-legacy'] : []),
            '-in',
            name,
            '-passin',
            'pass:secret',
            '-noout',
          ]);
          if (result.status !== 0) throw new Error(`openssl could not read ${name}`);
        }, repeats),
      );
      rows.push([
        `${legacy ? 'legacy 3DES/RC2, SHA-1 KDF' : 'AES-256, PBKDF2, SHA-256 MAC'}, ${iterations.toLocaleString('en')} iterations`,
        formatMs(ours),
        formatMs(native),
        formatRatio(ours / native),
      ]);
    }
  }
  return [
    markdownTable(['file', 'Certscope readPkcs12', '`openssl pkcs12` (process)', 'ratio'], rows),
    '',
    'Medians of 7 reads (3 at 100,000 iterations), the openssl process beside each in the same run; the openssl figure includes its start (~10 ms).',
  ].join('\n');
}

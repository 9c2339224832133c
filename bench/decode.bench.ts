/**
 * Decode speed and memory: the fields a list shows (subject, issuer, serial, validity, SANs, key
 * type, CA flag) read from the Mozilla roots and from 10,000 varied lab certificates, side by side
 * in the same run with Node's native X509Certificate (and pkijs, the old way); then the heap each
 * parsed certificate keeps alive, measured in fresh processes with forced GC.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rootCertificates } from 'node:tls';
import * as pkijs from 'pkijs';
import { readCertificate } from '../src-core/x509/certificate';
import { issueCert, type KeySpec } from '../src-main/services/lab';
import { formatRatio, markdownTable, median, timeRepeated } from './stats';

const listFieldsOurs = (der: Uint8Array) => {
  const model = readCertificate(der);
  return [
    model.subject,
    model.issuer,
    model.serialHex,
    model.notBefore,
    model.notAfter,
    model.subjectAltNames,
    model.publicKey.algorithm,
    model.isCa,
  ];
};
const listFieldsNative = (der: Uint8Array) => {
  const native = new X509Certificate(der);
  return [
    native.subject,
    native.issuer,
    native.serialNumber,
    native.validFrom,
    native.validTo,
    native.subjectAltName,
    native.publicKey.asymmetricKeyType,
    native.ca,
  ];
};
const listFieldsPkijs = (der: Uint8Array) => {
  const certificate = pkijs.Certificate.fromBER(der.slice());
  return [
    certificate.subject.typesAndValues.length,
    certificate.issuer.typesAndValues.length,
    certificate.serialNumber.valueBlock.valueHexView,
    certificate.notBefore.value,
    certificate.notAfter.value,
    certificate.extensions?.length,
    certificate.subjectPublicKeyInfo.algorithm.algorithmId,
  ];
};

async function labCertificates(count: number): Promise<Uint8Array[]> {
  const specs: KeySpec[] = ['p256', 'rsa2048', 'p384', 'ed25519'];
  const issuer = await issueCert({ commonName: 'Bench CA', isCa: true });
  const list: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const cert = await issueCert({
      commonName: `host-${i}.bench.example`,
      issuer,
      keySpec: specs[i % specs.length],
      dnsNames: Array.from({ length: 1 + (i % 8) }, (_, n) => `n${n}.host-${i}.bench.example`),
      ...(i % 5 === 0 ? { ipAddresses: ['192.0.2.1', '2001:db8::5'] } : {}),
      ...(i % 7 === 0
        ? {
            policies: ['2.23.140.1.2.1'],
            ocspUrl: 'http://ocsp.example/',
            crlUrl: 'http://crl.example/a.crl',
          }
        : {}),
      subjectExtra: i % 3 === 0 ? { organization: `Org ${i}`, country: 'DE' } : {},
    });
    list.push(cert.der);
  }
  return list;
}

function throughput(ders: Uint8Array[], read: (der: Uint8Array) => unknown): () => void {
  return () => {
    for (const der of ders) read(der);
  };
}

/** In a fresh process: heap (+ array buffers) held per certificate after parsing `count` and keeping them. */
function heapPerCertificate(file: string, parser: 'ours' | 'native'): { heap: number; rss: number } {
  const script = resolve(import.meta.dirname, 'decode-heap.ts');
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, file, parser], {
    encoding: 'utf8',
    cwd: resolve(import.meta.dirname, '..'),
  });
  if (result.status !== 0) throw new Error(`heap probe failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as { heap: number; rss: number };
}

export default async function run(): Promise<string> {
  const roots = rootCertificates.map((pem) => new Uint8Array(new X509Certificate(pem).raw));
  const lab = await labCertificates(10_000);
  const sets: [string, Uint8Array[]][] = [
    [`Mozilla roots (${roots.length}) ×20`, Array.from({ length: 20 }, () => roots).flat()],
    [`lab certificates (${lab.length})`, lab],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, ders] of sets) {
    const per = (durations: number[]) => Math.round(ders.length / (median(durations) / 1000));
    const ours = per(await timeRepeated(throughput(ders, listFieldsOurs), 5));
    const native = per(await timeRepeated(throughput(ders, listFieldsNative), 5));
    const pkijsRate = per(await timeRepeated(throughput(ders, listFieldsPkijs), 3));
    rows.push([
      name,
      ours.toLocaleString('en'),
      native.toLocaleString('en'),
      pkijsRate.toLocaleString('en'),
      formatRatio(ours / native),
      '≥ 0.50×',
    ]);
  }
  const dir = mkdtempSync(join(tmpdir(), 'certscope-bench-decode-'));
  const file = join(dir, 'lab.der.json');
  writeFileSync(file, JSON.stringify(lab.map((der) => Buffer.from(der).toString('base64'))));
  const heapRows: (string | number)[][] = [];
  const samples = {
    ours: [] as number[],
    native: [] as number[],
    oursRss: [] as number[],
    nativeRss: [] as number[],
  };
  for (let i = 0; i < 3; i++) {
    const ours = heapPerCertificate(file, 'ours');
    const native = heapPerCertificate(file, 'native');
    samples.ours.push(ours.heap);
    samples.oursRss.push(ours.rss);
    samples.native.push(native.heap);
    samples.nativeRss.push(native.rss);
  }
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
  heapRows.push([
    'Certscope model (10,000 kept)',
    kb(median(samples.ours)),
    kb(median(samples.oursRss)),
    '≤ 10 KB',
  ]);
  heapRows.push([
    'native X509Certificate (10,000 kept)',
    kb(median(samples.native)),
    kb(median(samples.nativeRss)),
    '',
  ]);
  return [
    'Parse throughput, certificates per second (median of repeats; list fields only):',
    '',
    markdownTable(['set', 'Certscope', 'native', 'pkijs', 'Certscope / native', 'goal'], rows),
    '',
    'Memory kept per parsed certificate (median of 3 fresh processes; heap = V8 heap + array buffers):',
    '',
    markdownTable(['parser', 'heap per certificate', 'RSS per certificate', 'goal'], heapRows),
  ].join('\n');
}

/**
 * `verify --batch` with `"client"`: strict RFC 5280 keeps the conformance results (x509-limbo
 * 57/57 accepted and ≥ 92/95 rejected, NIST PKITS 249/249) through the CLI; Chrome accepts a
 * private CA with a non-critical basicConstraints and applies no public-only rule under a
 * request's own (local) anchors.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { issueCert } from '../../src-main/services/lab';
import { memoryIo } from '../main/support/cli-io';
import { conformanceDir, loadLimbo } from '../conformance/limbo';
import { loadPkits } from '../conformance/pkits';
import { basicConstraints } from '../clients/corpus/variants';

interface Answer {
  id: string;
  client?: string;
  trusted?: boolean;
  findings?: { code: string; severity: string }[];
  error?: string;
}

const pem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`;
const pkitsFile = (kind: 'certs' | 'crls', name: string) =>
  new Uint8Array(
    readFileSync(resolve(conformanceDir, 'pkits', kind, `${name}.${kind === 'certs' ? 'crt' : 'crl'}`)),
  );
const pkitsCrl = (der: Uint8Array) =>
  `-----BEGIN X509 CRL-----\n${Buffer.from(der).toString('base64')}\n-----END X509 CRL-----\n`;

async function batch(lines: object[]): Promise<Answer[]> {
  const dir = await mkdtemp(join(tmpdir(), 'certscope-batch-clients-'));
  await writeFile(join(dir, 'requests.jsonl'), lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  const io = memoryIo();
  await runCli(['verify', '--batch', join(dir, 'requests.jsonl')], io);
  return io.out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Answer);
}

describe('verify --batch with a client', () => {
  it('"client": "rfc5280" keeps x509-limbo 57/57 accepted, ≥ 92/95 rejected, and NIST PKITS 249/249', async () => {
    const limbo = loadLimbo();
    const limboAnswers = await batch(
      limbo.map((testcase) => {
        const eku = testcase.extended_key_usage[0];
        return {
          id: testcase.id,
          client: 'rfc5280',
          leaf: testcase.peer_certificate,
          intermediates: testcase.untrusted_intermediates,
          anchors: testcase.trusted_certs,
          ...(testcase.expected_peer_name ? { host: testcase.expected_peer_name.value } : {}),
          at: testcase.validation_time ?? new Date().toISOString(),
          purpose:
            eku === 'serverAuth' || eku === 'clientAuth'
              ? eku
              : testcase.validation_kind === 'CLIENT'
                ? 'clientAuth'
                : 'serverAuth',
          ...(testcase.max_chain_depth !== null ? { maxDepth: testcase.max_chain_depth } : {}),
          crls: testcase.crls,
        };
      }),
    );
    expect(limboAnswers.every((answer) => answer.client === 'rfc5280' && !answer.error)).toBe(true);
    const expected = new Map(limbo.map((testcase) => [testcase.id, testcase.expected_result]));
    const accepted = limboAnswers.filter((answer) => expected.get(answer.id) === 'SUCCESS' && answer.trusted);
    const rejected = limboAnswers.filter(
      (answer) => expected.get(answer.id) === 'FAILURE' && !answer.trusted,
    );
    expect(accepted).toHaveLength(57);
    expect(rejected.length).toBeGreaterThanOrEqual(92);

    const pkits = loadPkits();
    const pkitsAnswers = await batch(
      pkits.map((test, index) => {
        const [anchor, ...rest] = test.certs_anchor_to_ee;
        return {
          // Test numbers repeat (one test under several policy settings): the index is the id.
          id: String(index),
          client: 'rfc5280',
          leaf: pem(pkitsFile('certs', rest[rest.length - 1])),
          intermediates: rest.slice(0, -1).map((name) => pem(pkitsFile('certs', name))),
          anchors: [pem(pkitsFile('certs', anchor))],
          crls: test.crls.map((name) => pkitsCrl(pkitsFile('crls', name))),
          at: test.validation_time,
          purpose: null,
          policy: {
            initialPolicySet: test.initial_policy_set,
            explicitPolicy: test.initial_explicit_policy,
            inhibitPolicyMapping: test.initial_policy_mapping_inhibit,
            inhibitAnyPolicy: test.initial_inhibit_any_policy,
          },
        };
      }),
    );
    const shouldValidate = new Map(pkits.map((test, index) => [String(index), test.should_validate]));
    // As test/conformance/pkits.ts: PKITS's DSA chains are SHA-1 signed; only that error is still valid in PKITS's sense.
    const valid = (answer: Answer) =>
      Boolean(answer.trusted) ||
      ((answer.findings ?? []).some((item) => item.severity === 'error') &&
        (answer.findings ?? [])
          .filter((item) => item.severity === 'error')
          .every((item) => item.code === 'weak-signature'));
    const passed = pkitsAnswers.filter((answer) => valid(answer) === shouldValidate.get(answer.id));
    expect(pkitsAnswers).toHaveLength(249);
    expect(passed).toHaveLength(249);
  }, 120_000);

  it('"client": "chrome" accepts a private CA with a non-critical basicConstraints, and no public-only rule under a local anchor', async () => {
    const root = await issueCert({
      commonName: 'Batch Root',
      isCa: true,
      ...basicConstraints({ critical: false, ca: true }),
    });
    const intermediate = await issueCert({
      commonName: 'Batch Intermediate',
      issuer: root,
      ...basicConstraints({ critical: false, ca: true }),
    });
    const notBefore = new Date(Date.now() - 86_400_000);
    const leaf = await issueCert({
      commonName: 'batch.test',
      issuer: intermediate,
      dnsNames: ['batch.test'],
      notBefore,
      notAfter: new Date(notBefore.getTime() + 730 * 86_400_000),
    });
    const request = {
      leaf: leaf.pem,
      intermediates: [intermediate.pem],
      anchors: [root.pem],
      host: 'batch.test',
    };
    const [chrome, strict, plain] = await batch([
      { id: 'chrome', client: 'chrome', ...request },
      { id: 'rfc5280', client: 'rfc5280', ...request },
      { id: 'default', ...request },
    ]);
    expect(chrome).toMatchObject({ client: 'chrome', trusted: true });
    expect(chrome.findings?.map((item) => item.code)).not.toContain('long-validity');
    expect(chrome.findings?.map((item) => item.code)).not.toContain('profile-violation');
    expect(strict.trusted).toBe(false);
    expect(strict.findings?.map((item) => item.code)).toContain('profile-violation');
    // Without a client, the verdict is today's.
    expect(plain.trusted).toBe(false);
    const [unknown] = await batch([{ id: 'x', client: 'netscape', ...request }]);
    expect(unknown.error).toMatch(/unknown client "netscape"/);
  });
});

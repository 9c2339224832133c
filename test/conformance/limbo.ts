/**
 * x509-limbo cases (../shared/conformance/limbo) mapped onto one verification each.
 * Shared by the regression test and `npm run conformance`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyChain, type VerifyResult } from '../../src-core/verify';
import type { ExpectedName } from '../../src-core/verify/names';

export const conformanceDir = resolve(import.meta.dirname, '../../../shared/conformance');

export interface LimboCase {
  id: string;
  description: string;
  validation_kind: 'SERVER' | 'CLIENT';
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  crls: string[];
  validation_time: string | null;
  max_chain_depth: number | null;
  expected_peer_name: { kind: 'DNS' | 'IP' | 'RFC822'; value: string } | null;
  extended_key_usage: string[];
  expected_result: 'SUCCESS' | 'FAILURE';
}

export function loadLimbo(): LimboCase[] {
  const data = JSON.parse(readFileSync(resolve(conformanceDir, 'limbo/limbo-dev.json'), 'utf8')) as {
    testcases: LimboCase[];
  };
  return data.testcases;
}

export function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

export interface CaseOutcome {
  id: string;
  namespace: string;
  expected: 'SUCCESS' | 'FAILURE';
  actual: 'SUCCESS' | 'FAILURE';
  passed: boolean;
  detail: string;
  ms: number;
}

export async function runLimboCase(testcase: LimboCase): Promise<CaseOutcome> {
  const started = performance.now();
  let actual: 'SUCCESS' | 'FAILURE';
  let detail = '';
  try {
    const kinds: Record<string, ExpectedName['kind']> = { DNS: 'dns', IP: 'ip', RFC822: 'email' };
    const eku = testcase.extended_key_usage[0];
    const result: VerifyResult = await verifyChain({
      leaf: pemToDer(testcase.peer_certificate),
      intermediates: testcase.untrusted_intermediates.map(pemToDer),
      anchors: [{ name: 'limbo', certificates: testcase.trusted_certs.map(pemToDer) }],
      publicStoreName: 'limbo',
      ...(testcase.expected_peer_name
        ? {
            host: { kind: kinds[testcase.expected_peer_name.kind], value: testcase.expected_peer_name.value },
          }
        : {}),
      at: testcase.validation_time ? new Date(testcase.validation_time) : new Date(),
      purpose:
        eku === 'serverAuth' || eku === 'clientAuth'
          ? eku
          : testcase.validation_kind === 'CLIENT'
            ? 'clientAuth'
            : 'serverAuth',
      ...(testcase.max_chain_depth !== null ? { maxDepth: testcase.max_chain_depth } : {}),
      expiryDays: 0,
      crls: testcase.crls.map(pemToDer),
    });
    actual = result.trusted ? 'SUCCESS' : 'FAILURE';
    detail = result.findings
      .filter((item) => item.severity === 'error')
      .map((item) => item.code)
      .join(',');
  } catch (error) {
    actual = 'FAILURE';
    detail = `error: ${error instanceof Error ? error.message : String(error)}`;
  }
  return {
    id: testcase.id,
    namespace: testcase.id.split('::')[0],
    expected: testcase.expected_result,
    actual,
    passed: actual === testcase.expected_result,
    detail,
    ms: performance.now() - started,
  };
}

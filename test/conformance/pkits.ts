/**
 * NIST PKITS 1.0.1 (../shared/conformance/pkits): each test's path, anchor first, verified with
 * its CRLs at its validation time. Policy inputs are passed through for policy processing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyChain } from '../../src-core/verify';
import { conformanceDir, type CaseOutcome } from './limbo';

export interface PkitsTest {
  test_number: string;
  name: string;
  suite: string;
  certs_anchor_to_ee: string[];
  crls: string[];
  should_validate: boolean;
  validation_time: string;
  initial_policy_set: string[];
  initial_explicit_policy: boolean;
  initial_policy_mapping_inhibit: boolean;
  initial_inhibit_any_policy: boolean;
  boringssl_override?: string;
}

const pkitsDir = resolve(conformanceDir, 'pkits');

export function loadPkits(): PkitsTest[] {
  return (JSON.parse(readFileSync(resolve(pkitsDir, 'pkits.json'), 'utf8')) as { tests: PkitsTest[] }).tests;
}

const fileCache = new Map<string, Uint8Array>();
function read(kind: 'certs' | 'crls', name: string): Uint8Array {
  const path = resolve(pkitsDir, kind, `${name}.${kind === 'certs' ? 'crt' : 'crl'}`);
  let bytes = fileCache.get(path);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path));
    fileCache.set(path, bytes);
  }
  return bytes;
}

export async function runPkitsTest(test: PkitsTest): Promise<CaseOutcome> {
  const started = performance.now();
  const [anchor, ...rest] = test.certs_anchor_to_ee;
  const leaf = rest[rest.length - 1];
  const expected = test.should_validate ? 'SUCCESS' : 'FAILURE';
  let actual: 'SUCCESS' | 'FAILURE' = 'FAILURE';
  let detail = '';
  try {
    const result = await verifyChain({
      leaf: read('certs', leaf),
      intermediates: rest.slice(0, -1).map((name) => read('certs', name)),
      anchors: [{ name: 'pkits', certificates: [read('certs', anchor)] }],
      publicStoreName: 'pkits',
      crls: test.crls.map((name) => read('crls', name)),
      at: new Date(test.validation_time),
      purpose: null,
      expiryDays: 0,
      policy: {
        initialPolicySet: test.initial_policy_set,
        explicitPolicy: test.initial_explicit_policy,
        inhibitPolicyMapping: test.initial_policy_mapping_inhibit,
        inhibitAnyPolicy: test.initial_inhibit_any_policy,
      },
    });
    const errors = result.findings.filter((item) => item.severity === 'error');
    // PKITS tests RFC 5280 path processing, not algorithm policy: its DSA chains are signed with
    // dsa-with-SHA1, which Certscope validates and then reports as weak-signature (an error, as
    // browsers refuse SHA-1). A path whose only errors are that is valid in PKITS's sense.
    const onlyWeakSignature = errors.length > 0 && errors.every((item) => item.code === 'weak-signature');
    actual = result.trusted || onlyWeakSignature ? 'SUCCESS' : 'FAILURE';
    detail = errors.map((item) => `${item.code}${item.detail ? `(${item.detail})` : ''}`).join(',');
  } catch (error) {
    detail = `error: ${error instanceof Error ? error.message : String(error)}`;
  }
  return {
    id: `${test.test_number} ${test.name}`,
    namespace: test.suite,
    expected,
    actual,
    passed: expected === actual,
    detail,
    ms: performance.now() - started,
  };
}

/**
 * Running one check on its own: a path made of lab certificates (minted at test time), a context
 * with today's defaults, and the check run the way the judge runs its scope. Every finding a
 * check raises must be one of the codes it declares.
 */
import { defaultRules } from '../../../../src-core/verify/checks/rules';
import { expect } from 'vitest';
import { readVerifyCert } from '../../../../src-core/verify/cert';
import { WorkBudget } from '../../../../src-core/verify/budget';
import { inheritedDsaParameters } from '../../../../src-core/crypto/dsa';
import type { Finding } from '../../../../src-core/verify/findings';
import {
  linkAt,
  type Check,
  type CheckContext,
  type PathUnderCheck,
  type SentChain,
} from '../../../../src-core/verify/checks/types';
import { issueCert, type CertOptions, type LabCert } from '../../../../src-main/services/lab';

export const host = 'checks.test';

export interface LabChain {
  root: LabCert;
  intermediate: LabCert;
  leaf: LabCert;
}

/** Root → intermediate → leaf for `checks.test`, each option set overridable. */
export async function labChain(
  options: {
    root?: Partial<CertOptions>;
    intermediate?: Partial<CertOptions>;
    leaf?: Partial<CertOptions>;
  } = {},
): Promise<LabChain> {
  const root = await issueCert({ commonName: 'Checks Root', isCa: true, ...options.root });
  const intermediate = await issueCert({
    commonName: 'Checks Intermediate',
    isCa: true,
    issuer: root,
    ...options.intermediate,
  });
  const leaf = await issueCert({ commonName: host, issuer: intermediate, dnsNames: [host], ...options.leaf });
  return { root, intermediate, leaf };
}

let good: Promise<LabChain> | undefined;
/** One good chain shared by every check's "silent on a good path" test. */
export function goodChain(): Promise<LabChain> {
  return (good ??= labChain());
}

/** A path of these certificates (leaf first), anchored at the last one unless told otherwise. */
export async function pathOf(
  certificates: (LabCert | Uint8Array)[],
  { anchored = true, anchorStores = ['public'] }: { anchored?: boolean; anchorStores?: string[] } = {},
): Promise<PathUnderCheck> {
  const chain = await Promise.all(
    certificates.map((certificate) =>
      readVerifyCert(certificate instanceof Uint8Array ? certificate : certificate.der),
    ),
  );
  return {
    chain,
    anchored,
    anchorStores: anchored ? anchorStores : [],
    last: chain.length - 1,
    dsaParameters: inheritedDsaParameters(chain),
  };
}

export const chainPath = async (parts: LabChain, options?: Parameters<typeof pathOf>[1]) =>
  pathOf([parts.leaf, parts.intermediate, parts.root], options);

export function contextWith(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    at: new Date(Math.floor(Date.now() / 1000) * 1000),
    purpose: 'serverAuth',
    host: { kind: 'dns', value: host },
    expiryDays: 0,
    policy: {
      initialPolicySet: ['2.5.29.32.0'],
      explicitPolicy: false,
      inhibitPolicyMapping: false,
      inhibitAnyPolicy: false,
    },
    publicStoreName: 'public',
    publicStoreGiven: true,
    rules: { ...defaultRules, publicStores: ['public'] },
    budget: new WorkBudget().forPath(),
    ...overrides,
  };
}

/** The check run as the judge runs its scope; what was sent defaults to the path below its anchor. */
export async function runCheck(
  check: Check,
  path: PathUnderCheck,
  context: CheckContext = contextWith(),
  sent?: Partial<SentChain>,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  switch (check.scope) {
    case 'link':
      for (let index = 0; index < path.last; index++) {
        findings.push(...(await check.run(linkAt(path, index), path, context)));
      }
      break;
    case 'certificate':
      path.chain.forEach((cert, index) => findings.push(...check.run(cert, index, path, context)));
      break;
    case 'path': {
      const outcome = await check.run(path, context);
      findings.push(...(Array.isArray(outcome) ? outcome : outcome.findings));
      break;
    }
    case 'sent': {
      const presented = sent?.presented ?? path.chain.slice(0, path.anchored ? -1 : undefined);
      findings.push(
        ...check.run(
          {
            presented,
            presentedShas:
              sent?.presentedShas ?? new Set(presented.flatMap((cert) => (cert ? [cert.sha256] : []))),
            chosen: sent?.chosen ?? path,
          },
          context,
        ),
      );
      break;
    }
  }
  for (const item of findings) expect(check.codes, `${check.name} raised ${item.code}`).toContain(item.code);
  return findings;
}

export const codesOf = (findings: Finding[]) => findings.map((item) => item.code);

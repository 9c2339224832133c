/**
 * One work budget for a whole verdict, after rustls-webpki's: path building and every check spend
 * from the same object, so a hostile chain (a leaf with thousands of names under CAs with
 * thousands of name constraints, a tangle of look-alike intermediates, a policy tree that keeps
 * growing, a pile of CRLs) ends in bounded work. Limits count work units, not milliseconds, so
 * a verdict is the same on a fast machine and on a loaded one; only path building keeps a
 * wall-clock backstop, because it waits on AIA fetches.
 */

export type WorkKind = 'pathSteps' | 'signatures' | 'nameComparisons' | 'policyNodes' | 'crlChecks';

export interface WorkLimits {
  /** Path-building steps: each extension tried and each certificate looked at as a possible issuer, over the whole verdict. */
  pathSteps: number;
  /** Signature verifications (certificates, CRLs, OCSP responses), cached answers included. */
  signatures: number;
  /** Name × constraint comparisons (RFC 5280 §4.2.1.10), over the whole verdict… */
  nameComparisons: number;
  /** … and along any one path: every CA above every certificate of it counts. */
  nameComparisonsPerPath: number;
  /** Nodes of the valid_policy_tree (RFC 5280 §6.1.3 d) made or visited, over the whole verdict. */
  policyNodes: number;
  /** (certificate, CRL) pairs considered for revocation, nested CRL-issuer verdicts included. */
  crlChecks: number;
  /** Wall-clock backstop for path building (ms): past it, no further path is started. */
  buildingMs: number;
}

/**
 * Far above anything real — across x509-limbo and NIST PKITS the most any verdict spends is
 * about 10,300 path-building steps (a pile of same-name, same-key CAs), 51 signature checks, 206 policy-tree node visits and 69 CRL
 * checks — and low enough that the worst case stays well under a second. docs/security.md
 * lists them.
 */
export const defaultWorkLimits: Readonly<WorkLimits> = {
  pathSteps: 100_000,
  signatures: 2_000,
  nameComparisons: 4_194_304,
  nameComparisonsPerPath: 1_048_576,
  policyNodes: 1_000_000,
  crlChecks: 20_000,
  buildingMs: 3000,
};

const workNames: Record<WorkKind, string> = {
  pathSteps: 'path-building steps',
  signatures: 'signature checks',
  nameComparisons: 'name-constraint comparisons',
  policyNodes: 'policy-tree node visits',
  crlChecks: 'CRL checks',
};

/** Thrown by `spend` when a limit is passed; the orchestrator turns it into `too-much-work`. */
export class WorkExhausted extends Error {
  /** What ran out, for the finding: "1,048,577 name-constraint comparisons on one path (limit 1,048,576)". */
  readonly detail: string;

  constructor(
    readonly kind: WorkKind,
    readonly spent: number,
    readonly limit: number,
    readonly scope: 'verdict' | 'path',
  ) {
    const detail = `${grouped(spent)} ${workNames[kind]}${scope === 'path' ? ' on one path' : ''} (limit ${grouped(limit)})`;
    super(`verification stopped: too much work (${detail})`);
    this.name = 'WorkExhausted';
    this.detail = detail;
  }
}

/** 1048576 → "1,048,576" (toLocaleString would wake the whole of ICU for it). */
function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** What checks see: spending goes to the verdict's budget, and to the path's own cap where one exists. */
export interface WorkMeter {
  spend(kind: WorkKind, units?: number): void;
}

export class WorkBudget implements WorkMeter {
  readonly limits: Readonly<WorkLimits>;
  readonly spent: Record<WorkKind, number> = {
    pathSteps: 0,
    signatures: 0,
    nameComparisons: 0,
    policyNodes: 0,
    crlChecks: 0,
  };
  private readonly started = Date.now();

  constructor(limits: Partial<WorkLimits> = {}) {
    this.limits = { ...defaultWorkLimits, ...limits };
  }

  spend(kind: WorkKind, units = 1): void {
    const spent = (this.spent[kind] += units);
    if (spent > this.limits[kind]) throw new WorkExhausted(kind, spent, this.limits[kind], 'verdict');
  }

  /** True once path building has run past its wall-clock backstop. */
  buildingOverdue(): boolean {
    return Date.now() - this.started > this.limits.buildingMs;
  }

  /** A meter for one candidate path: its own name-comparison cap, the verdict's for the rest. */
  forPath(): WorkMeter {
    let comparisons = 0;
    return {
      spend: (kind, units = 1) => {
        if (kind === 'nameComparisons') {
          comparisons += units;
          if (comparisons > this.limits.nameComparisonsPerPath)
            throw new WorkExhausted(kind, comparisons, this.limits.nameComparisonsPerPath, 'path');
        }
        this.spend(kind, units);
      },
    };
  }
}

/**
 * Certificate policy processing, RFC 5280 §6.1: the valid_policy_tree with explicit policy,
 * policy mapping and inhibit anyPolicy. Returns why the path fails its policy checks, or
 * undefined when it passes.
 *
 * The tree is kept level by level (each node knows its live children), so no step walks the
 * whole tree; every node made or visited is spent from the verdict's work budget, and one path's
 * tree may not pass `maxNodes` (crafted mappings can grow it exponentially).
 */
import { WorkExhausted, type WorkMeter } from './budget';
import { oids, type VerifyCert } from './cert';

export interface PolicyInputs {
  initialPolicySet: string[];
  explicitPolicy: boolean;
  inhibitPolicyMapping: boolean;
  inhibitAnyPolicy: boolean;
}

interface PolicyNode {
  depth: number;
  validPolicy: string;
  expected: Set<string>;
  parent?: PolicyNode;
  children: PolicyNode[];
  /** Children not removed. */
  live: number;
  removed: boolean;
}

const anyPolicy = oids.anyPolicy;
/** Policy trees can grow exponentially with crafted mappings; refuse past this many nodes. */
const maxNodes = 10_000;

/** `certs` runs from the certificate issued by the trust anchor down to the leaf (RFC order). */
export function processPolicies(
  certs: VerifyCert[],
  inputs: PolicyInputs,
  meter?: WorkMeter,
): string | undefined {
  const n = certs.length;
  // A path that is nothing but its trust anchor (a trusted self-signed certificate) has no policies to process.
  if (n === 0) return undefined;
  if (!inputs.explicitPolicy && certs.every(withoutPolicies)) return undefined;
  let explicitPolicy = inputs.explicitPolicy ? 0 : n + 1;
  let inhibitAny = inputs.inhibitAnyPolicy ? 0 : n + 1;
  let policyMapping = inputs.inhibitPolicyMapping ? 0 : n + 1;
  const spend = (units: number) => {
    if (units) meter?.spend('policyNodes', units);
  };
  let root: PolicyNode | undefined = node(0, anyPolicy, [anyPolicy]);
  /** Every node made, by depth; removed ones are dropped when a level is read. */
  const levels: PolicyNode[][] = [[root]];
  let nodeCount = 1;

  const nodesAt = (depth: number): PolicyNode[] => {
    if (!root) return [];
    const level = (levels[depth] ?? []).filter((entry) => !entry.removed);
    spend(level.length);
    levels[depth] = level;
    return level;
  };
  const addChild = (parent: PolicyNode, validPolicy: string, expected: Iterable<string>) => {
    if (++nodeCount > maxNodes) throw new Error('the policy tree grew too large');
    const child = node(parent.depth + 1, validPolicy, expected, parent);
    spend(1 + child.expected.size);
    parent.children.push(child);
    parent.live++;
    (levels[child.depth] ??= []).push(child);
  };
  const remove = (target: PolicyNode) => {
    if (target.removed) return;
    if (target.parent) target.parent.live--;
    else root = undefined;
    const mark = (entry: PolicyNode) => {
      spend(1);
      entry.removed = true;
      entry.children.forEach(mark);
    };
    mark(target);
  };
  /** Deletes childless nodes above `depth`, bottom-up. */
  const prune = (depth: number) => {
    for (let level = depth - 1; level >= 0; level--) {
      for (const entry of nodesAt(level)) if (entry.live === 0) remove(entry);
    }
  };
  const liveChildren = (entry: PolicyNode) => entry.children.filter((child) => !child.removed);

  try {
    for (let i = 1; i <= n; i++) {
      const cert = certs[i - 1];
      const policies = cert.policies;
      // (d) certificate policies
      if (policies && root) {
        const previous = nodesAt(i - 1);
        const byExpected = new Map<string, PolicyNode[]>();
        for (const entry of previous) {
          spend(entry.expected.size);
          for (const policy of entry.expected) {
            const list = byExpected.get(policy);
            if (list) list.push(entry);
            else byExpected.set(policy, [entry]);
          }
        }
        const anyNodes = previous.filter((entry) => entry.validPolicy === anyPolicy);
        for (const policy of policies) {
          if (policy === anyPolicy) continue;
          const matches = byExpected.get(policy) ?? anyNodes;
          matches.forEach((entry) => addChild(entry, policy, [policy]));
        }
        if (policies.includes(anyPolicy) && (inhibitAny > 0 || (i < n && cert.selfIssued))) {
          for (const entry of previous) {
            const present = new Set(liveChildren(entry).map((child) => child.validPolicy));
            spend(present.size);
            for (const value of entry.expected) if (!present.has(value)) addChild(entry, value, [value]);
          }
        }
        prune(i);
        if (root && nodesAt(i).length === 0) root = undefined;
      }
      // (e) no policies: the tree is gone
      if (!policies) root = undefined;
      // (f)
      if (explicitPolicy <= 0 && !root)
        return `an explicit policy is required and none is valid at certificate ${i} of ${n}`;

      if (i === n) break;
      // 6.1.4 preparation for the next certificate
      const mappings = cert.policyMappings ?? [];
      spend(mappings.length);
      if (
        mappings.some(
          (mapping) => mapping.issuerDomainPolicy === anyPolicy || mapping.subjectDomainPolicy === anyPolicy,
        )
      ) {
        return 'a policy mapping maps to or from anyPolicy';
      }
      if (mappings.length && root) {
        const byIssuer = new Map<string, string[]>();
        for (const mapping of mappings) {
          const list = byIssuer.get(mapping.issuerDomainPolicy);
          if (list) list.push(mapping.subjectDomainPolicy);
          else byIssuer.set(mapping.issuerDomainPolicy, [mapping.subjectDomainPolicy]);
        }
        // Mapping neither adds nor removes nodes a later issuer policy could match (none is anyPolicy).
        const atDepth = nodesAt(i);
        const byValid = new Map<string, PolicyNode[]>();
        for (const entry of atDepth) {
          const list = byValid.get(entry.validPolicy);
          if (list) list.push(entry);
          else byValid.set(entry.validPolicy, [entry]);
        }
        const anyNode = byValid.get(anyPolicy)?.[0];
        for (const [issuerPolicy, subjectPolicies] of byIssuer) {
          const mapped = byValid.get(issuerPolicy) ?? [];
          if (policyMapping > 0) {
            spend(mapped.length * subjectPolicies.length);
            if (mapped.length) mapped.forEach((entry) => (entry.expected = new Set(subjectPolicies)));
            else if (anyNode?.parent) addChild(anyNode.parent, issuerPolicy, subjectPolicies);
          } else {
            mapped.forEach(remove);
          }
        }
        if (policyMapping <= 0) {
          prune(i);
          if (root && nodesAt(i).length === 0) root = undefined;
        }
      }
      // (h) counters count down below non-self-issued certificates
      if (!cert.selfIssued) {
        if (explicitPolicy > 0) explicitPolicy--;
        if (policyMapping > 0) policyMapping--;
        if (inhibitAny > 0) inhibitAny--;
      }
      // (i), (j)
      const constraints = cert.policyConstraints;
      if (constraints?.requireExplicitPolicy !== undefined)
        explicitPolicy = Math.min(explicitPolicy, constraints.requireExplicitPolicy);
      if (constraints?.inhibitPolicyMapping !== undefined)
        policyMapping = Math.min(policyMapping, constraints.inhibitPolicyMapping);
      if (cert.inhibitAnyPolicy !== undefined) inhibitAny = Math.min(inhibitAny, cert.inhibitAnyPolicy);
    }

    // 6.1.5 wrap-up
    const leaf = certs[n - 1];
    if (explicitPolicy > 0) explicitPolicy--;
    if (leaf.policyConstraints?.requireExplicitPolicy === 0) explicitPolicy = 0;
    const userSet = new Set(inputs.initialPolicySet.length ? inputs.initialPolicySet : [anyPolicy]);
    if (root && !userSet.has(anyPolicy)) {
      // (g)(iii): keep only what the user accepts
      const validNodeSet: PolicyNode[] = [];
      const collect = (entry: PolicyNode) => {
        for (const child of liveChildren(entry)) {
          spend(1);
          if (entry.validPolicy === anyPolicy) validNodeSet.push(child);
          collect(child);
        }
      };
      collect(root);
      for (const entry of validNodeSet) {
        if (entry.validPolicy !== anyPolicy && !userSet.has(entry.validPolicy)) remove(entry);
      }
      const leafAny = nodesAt(n).find((entry) => entry.validPolicy === anyPolicy);
      if (leafAny?.parent) {
        const present = new Set(
          validNodeSet.filter((entry) => !entry.removed).map((entry) => entry.validPolicy),
        );
        for (const policy of userSet) if (!present.has(policy)) addChild(leafAny.parent, policy, [policy]);
        remove(leafAny);
      }
      prune(n);
      if (root && nodesAt(n).length === 0) root = undefined;
    }
    if (explicitPolicy <= 0 && !root)
      return 'no acceptable certificate policy is valid for the whole path, and one is required';
    return undefined;
  } catch (error) {
    // Only this path's own cap is a policy problem; the verdict's budget ends the verdict.
    if (error instanceof WorkExhausted) throw error;
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * A path none of whose certificates has policies, mappings or an explicit-policy requirement has
 * no policy tree from its first certificate (§6.1.3 e) and nothing that could require one, so the
 * algorithm can only succeed: most paths, not worth a tree each.
 */
function withoutPolicies(cert: VerifyCert): boolean {
  return (
    !cert.policies && !cert.policyMappings && cert.policyConstraints?.requireExplicitPolicy === undefined
  );
}

function node(
  depth: number,
  validPolicy: string,
  expected: Iterable<string>,
  parent?: PolicyNode,
): PolicyNode {
  return {
    depth,
    validPolicy,
    expected: new Set(expected),
    ...(parent ? { parent } : {}),
    children: [],
    live: 0,
    removed: false,
  };
}

/**
 * Certificate policy processing, RFC 5280 §6.1: the valid_policy_tree with explicit policy,
 * policy mapping and inhibit anyPolicy. Returns why the path fails its policy checks, or
 * undefined when it passes.
 */
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
}

const anyPolicy = oids.anyPolicy;
/** Policy trees can grow exponentially with crafted mappings; refuse past this many nodes. */
const maxNodes = 10_000;

/** `certs` runs from the certificate issued by the trust anchor down to the leaf (RFC order). */
export function processPolicies(certs: VerifyCert[], inputs: PolicyInputs): string | undefined {
  const n = certs.length;
  // A path that is nothing but its trust anchor (a trusted self-signed certificate) has no policies to process.
  if (n === 0) return undefined;
  let explicitPolicy = inputs.explicitPolicy ? 0 : n + 1;
  let inhibitAny = inputs.inhibitAnyPolicy ? 0 : n + 1;
  let policyMapping = inputs.inhibitPolicyMapping ? 0 : n + 1;
  let root: PolicyNode | undefined = {
    depth: 0,
    validPolicy: anyPolicy,
    expected: new Set([anyPolicy]),
    children: [],
  };
  let nodeCount = 1;

  const nodesAt = (depth: number): PolicyNode[] => {
    const found: PolicyNode[] = [];
    const walk = (node: PolicyNode) => {
      if (node.depth === depth) found.push(node);
      else node.children.forEach(walk);
    };
    if (root) walk(root);
    return found;
  };
  const addChild = (parent: PolicyNode, validPolicy: string, expected: Iterable<string>) => {
    if (++nodeCount > maxNodes) throw new Error('the policy tree grew too large');
    parent.children.push({
      depth: parent.depth + 1,
      validPolicy,
      expected: new Set(expected),
      parent,
      children: [],
    });
  };
  const remove = (node: PolicyNode) => {
    if (node.parent) node.parent.children = node.parent.children.filter((child) => child !== node);
    else root = undefined;
  };
  /** Deletes childless nodes above `depth`, bottom-up. */
  const prune = (depth: number) => {
    for (let level = depth - 1; level >= 0; level--) {
      for (const node of nodesAt(level)) if (node.children.length === 0) remove(node);
    }
  };

  try {
    for (let i = 1; i <= n; i++) {
      const cert = certs[i - 1];
      const policies = cert.policies;
      // (d) certificate policies
      if (policies && root) {
        const previous = nodesAt(i - 1);
        for (const policy of policies) {
          if (policy === anyPolicy) continue;
          const matches = previous.filter((node) => node.expected.has(policy));
          if (matches.length) matches.forEach((node) => addChild(node, policy, [policy]));
          else
            previous
              .filter((node) => node.validPolicy === anyPolicy)
              .forEach((node) => addChild(node, policy, [policy]));
        }
        if (policies.includes(anyPolicy) && (inhibitAny > 0 || (i < n && cert.selfIssued))) {
          for (const node of previous) {
            const present = new Set(node.children.map((child) => child.validPolicy));
            for (const value of node.expected) if (!present.has(value)) addChild(node, value, [value]);
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
      if (
        mappings.some(
          (mapping) => mapping.issuerDomainPolicy === anyPolicy || mapping.subjectDomainPolicy === anyPolicy,
        )
      ) {
        return 'a policy mapping maps to or from anyPolicy';
      }
      if (mappings.length && root) {
        const byIssuer = new Map<string, string[]>();
        for (const mapping of mappings)
          byIssuer.set(mapping.issuerDomainPolicy, [
            ...(byIssuer.get(mapping.issuerDomainPolicy) ?? []),
            mapping.subjectDomainPolicy,
          ]);
        for (const [issuerPolicy, subjectPolicies] of byIssuer) {
          const atDepth = nodesAt(i);
          const mapped = atDepth.filter((node) => node.validPolicy === issuerPolicy);
          if (policyMapping > 0) {
            if (mapped.length) mapped.forEach((node) => (node.expected = new Set(subjectPolicies)));
            else {
              const anyNode = atDepth.find((node) => node.validPolicy === anyPolicy);
              if (anyNode?.parent) addChild(anyNode.parent, issuerPolicy, subjectPolicies);
            }
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
      const collect = (node: PolicyNode) => {
        for (const child of node.children) {
          if (node.validPolicy === anyPolicy) validNodeSet.push(child);
          collect(child);
        }
      };
      collect(root);
      for (const node of validNodeSet) {
        if (node.validPolicy !== anyPolicy && !userSet.has(node.validPolicy)) remove(node);
      }
      const leafAny = nodesAt(n).find((node) => node.validPolicy === anyPolicy);
      if (leafAny?.parent) {
        const present = new Set(
          validNodeSet
            .filter((node) => node.parent && node.parent.children.includes(node))
            .map((node) => node.validPolicy),
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
    return error instanceof Error ? error.message : String(error);
  }
}

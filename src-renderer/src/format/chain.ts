/**
 * The chain as people read it: each certificate's role (a self-signed CA at the top is a root,
 * trusted or not), and the candidate paths as one tree — from the leaf up, shared certificates
 * drawn once, cross-signs and alternate roots as branches — laid out for the chain picture.
 */
import type { CandidatePath, Severity, VerifyResult } from '../../../src-core/verify';
import { decodeForDisplay } from './certificates';

export type ChainRole = 'leaf' | 'intermediate' | 'root';

export interface RoleLabel {
  role: ChainRole;
  /** What the chain shows: "root", "root — not trusted", "leaf — self-signed, not trusted"… */
  label: string;
}

/** Signed by its own subject: the top of a hierarchy (a root), or a self-signed leaf. */
function selfIssued(der: Uint8Array | undefined): boolean {
  const model = decodeForDisplay(der);
  return Boolean(model && model.subject === model.issuer);
}

/** The role of the certificate at `index` (leaf first) of `path`. */
export function roleOf(result: VerifyResult, path: CandidatePath, index: number): RoleLabel {
  const last = path.certificates.length - 1;
  const der = result.certificates[path.certificates[index]?.sha256 ?? ''];
  if (index === 0) {
    if (path.anchored && last === 0) return { role: 'leaf', label: 'leaf — trusted as an anchor' };
    if (last === 0 && selfIssued(der)) return { role: 'leaf', label: 'leaf — self-signed, not trusted' };
    return { role: 'leaf', label: 'leaf' };
  }
  if (index === last && path.anchored) return { role: 'root', label: 'root' };
  if (index === last && selfIssued(der)) return { role: 'root', label: 'root — not trusted' };
  return { role: 'intermediate', label: 'intermediate' };
}

export type NodeStatus = 'ok' | 'warn' | 'bad';

/** How one certificate fares on a path: its worst finding. */
export function statusOn(path: CandidatePath, sha256: string): NodeStatus {
  const severities = new Set<Severity>(
    path.findings.filter((item) => item.certificate === sha256).map((item) => item.severity),
  );
  return severities.has('error') ? 'bad' : severities.has('warning') ? 'warn' : 'ok';
}

/**
 * A verdict a client gives on the roots it reaches (the per-client verdicts of issue 14): drawn
 * as marks on those roots in the chain picture.
 */
export interface RootMark {
  client: string;
  verdict: 'trusted' | 'not-trusted' | 'unknown';
  detail?: string;
}

export interface GraphNode {
  /** The certificates from the leaf up to this one: one node per distinct way of reaching it. */
  id: string;
  /** Undefined for the issuer nobody could find (a dead end's missing link). */
  sha256?: string;
  /** The issuer's name the missing link was looked for by. */
  missingIssuer?: string;
  /** 0 for the leaf, 1 for its issuer… */
  depth: number;
  /** Centre, as a fraction of the picture's width. */
  x: number;
  /** The candidate paths through it (indexes into `result.paths`). */
  paths: number[];
  chosen: boolean;
  role?: RoleLabel;
  status: NodeStatus;
  /** Where it came from: sent, AIA, or the stores it is an anchor in. */
  source?: PathSource;
}

export interface PathSource {
  kind: 'sent' | 'aia' | 'store';
  stores?: string[];
}

export interface GraphEdge {
  /** The certificate signed (lower). */
  from: string;
  /** Its issuer (upper). */
  to: string;
  chosen: boolean;
  missing: boolean;
}

export interface ChainGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Highest depth drawn (rows = depth + 1). */
  depth: number;
  /** Distinct tops (columns). */
  width: number;
  /** Candidate paths left out of the picture (beyond `maxPaths`). */
  omitted: number;
}

/**
 * The candidate paths as a tree grown from the leaf: one node per distinct prefix of a path, so
 * certificates two paths share are drawn once and each alternative issuer is a branch. A path
 * that ends without a trust anchor and below a root gets a node for its missing issuer.
 */
export function chainGraph(result: VerifyResult, chosenPath = result.chosenPath, maxPaths = 8): ChainGraph {
  const nodes = new Map<string, GraphNode>();
  const children = new Map<string, string[]>();
  const edges: GraphEdge[] = [];
  const shown = result.paths.slice(0, maxPaths);
  const link = (from: string, to: string) => {
    const list = children.get(from) ?? [];
    if (!list.includes(to)) {
      list.push(to);
      children.set(from, list);
      edges.push({ from, to, chosen: false, missing: false });
    }
  };
  shown.forEach((path, pathIndex) => {
    let id = '';
    path.certificates.forEach((certificate, index) => {
      const parent = id;
      id = index === 0 ? certificate.sha256 : `${id}>${certificate.sha256}`;
      let node = nodes.get(id);
      if (!node) {
        node = {
          id,
          sha256: certificate.sha256,
          depth: index,
          x: 0,
          paths: [],
          chosen: false,
          role: roleOf(result, path, index),
          status: statusOn(path, certificate.sha256),
          source: { kind: certificate.source, ...(certificate.stores ? { stores: certificate.stores } : {}) },
        };
        nodes.set(id, node);
      }
      node.paths.push(pathIndex);
      if (pathIndex === chosenPath) {
        // On the chosen path, the chosen path's view of it wins.
        Object.assign(node, {
          chosen: true,
          role: roleOf(result, path, index),
          status: statusOn(path, certificate.sha256),
        });
      }
      if (parent) link(parent, id);
    });
    const topIndex = path.certificates.length - 1;
    const top = path.certificates[topIndex];
    if (!path.anchored && top && !selfIssued(result.certificates[top.sha256])) {
      const missingId = `${id}>?`;
      if (!nodes.has(missingId)) {
        nodes.set(missingId, {
          id: missingId,
          missingIssuer: decodeForDisplay(result.certificates[top.sha256])?.issuerDisplayName ?? 'its issuer',
          depth: topIndex + 1,
          x: 0,
          paths: [],
          chosen: false,
          status: 'bad',
        });
        link(id, missingId);
      }
      const missing = nodes.get(missingId)!;
      missing.paths.push(pathIndex);
      if (pathIndex === chosenPath) missing.chosen = true;
    }
  });
  for (const edge of edges) {
    const to = nodes.get(edge.to);
    edge.chosen = Boolean(to?.chosen && nodes.get(edge.from)?.chosen);
    edge.missing = Boolean(to && !to.sha256);
  }
  // Tops take one column each, in path order; a node sits above the middle of what it leads to.
  let column = 0;
  const place = (id: string): number => {
    const above = children.get(id) ?? [];
    const node = nodes.get(id)!;
    node.x = above.length === 0 ? column++ + 0.5 : above.map(place).reduce((a, b) => a + b, 0) / above.length;
    return node.x;
  };
  const leafId = shown[0]?.certificates[0]?.sha256;
  if (leafId && nodes.has(leafId)) place(leafId);
  const width = Math.max(column, 1);
  for (const node of nodes.values()) node.x /= width;
  return {
    nodes: [...nodes.values()],
    edges,
    depth: Math.max(0, ...[...nodes.values()].map((node) => node.depth)),
    width,
    omitted: result.paths.length - shown.length,
  };
}

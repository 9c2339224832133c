/**
 * One line of `certscope verify --batch`: a JSON request with PEM strings in, a JSON verdict out.
 * A malformed line yields an error object for that line; the caller goes on with the next.
 */
import { parsePemBlocks } from '../bytes/pem';
import { parseIp } from './names';
import type { PolicyInputs } from './policy';
import { verifyChain, type TrustAnchorStore, type VerifyInput, type VerifyResult } from './verify';

export interface BatchContext {
  /** Stores used when a request gives no `anchors`. */
  defaultAnchors: TrustAnchorStore[];
  /**
   * A request's `client` (a client profile's name): its verdict instead of the default one. Given
   * by the caller (client profiles sit above this layer); a request's own anchors are then the
   * user's local anchors, never a public store.
   */
  verifyAsClient?: (input: VerifyInput, client: string) => Promise<VerifyResult>;
}

interface BatchRequest {
  id?: unknown;
  leaf?: unknown;
  intermediates?: unknown;
  anchors?: unknown;
  host?: unknown;
  at?: unknown;
  purpose?: unknown;
  maxDepth?: unknown;
  crls?: unknown;
  client?: unknown;
  policy?: unknown;
}

/** RFC 5280 §6.1.1 inputs, when a request gives them (`policy`: all four, as PKITS states them). */
function policyOf(value: unknown): PolicyInputs | undefined {
  if (value === undefined) return undefined;
  const policy = value as Partial<Record<keyof PolicyInputs, unknown>> | null;
  const flags = ['explicitPolicy', 'inhibitPolicyMapping', 'inhibitAnyPolicy'] as const;
  if (
    typeof policy !== 'object' ||
    policy === null ||
    !Array.isArray(policy.initialPolicySet) ||
    policy.initialPolicySet.length > 64 ||
    !policy.initialPolicySet.every((oid) => typeof oid === 'string' && /^\d+(\.\d+)+$/.test(oid)) ||
    !flags.every((flag) => typeof policy[flag] === 'boolean')
  )
    throw new BatchLineError(
      'policy must be {initialPolicySet: [OIDs], explicitPolicy, inhibitPolicyMapping, inhibitAnyPolicy: booleans}',
    );
  return policy as PolicyInputs;
}

class BatchLineError extends Error {}

function pemList(value: unknown, what: string): Uint8Array[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new BatchLineError(`${what} must be an array of PEM strings`);
  return value.flatMap((pem: string) => {
    const blocks = parsePemBlocks(pem);
    if (blocks.length === 0) throw new BatchLineError(`${what} contains something that is not PEM`);
    const broken = blocks.find((block) => block.error);
    if (broken) throw new BatchLineError(`${what}: ${broken.error}`);
    return blocks.map((block) => block.der);
  });
}

export async function verifyBatchLine(line: string, context: BatchContext): Promise<string> {
  return (await verifyBatchRequest(line, context)).answer;
}

/** One line's JSON verdict, and whether it said trusted (for the exit code). */
export async function verifyBatchRequest(
  line: string,
  context: BatchContext,
): Promise<{ answer: string; trusted: boolean }> {
  let id: unknown = null;
  try {
    let request: BatchRequest;
    try {
      request = JSON.parse(line) as BatchRequest;
    } catch {
      throw new BatchLineError('the line is not JSON');
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request))
      throw new BatchLineError('the line is not a JSON object');
    id = request.id ?? null;
    if (typeof request.leaf !== 'string') throw new BatchLineError('leaf (a PEM string) is required');
    const [leaf] = pemList([request.leaf], 'leaf');
    const anchors =
      request.anchors === undefined
        ? context.defaultAnchors
        : [{ name: 'request', certificates: pemList(request.anchors, 'anchors') }];
    let host: { kind: 'dns' | 'ip' | 'email'; value: string } | undefined;
    if (request.host !== undefined) {
      if (typeof request.host !== 'string') throw new BatchLineError('host must be a string');
      host = {
        kind: parseIp(request.host) ? 'ip' : request.host.includes('@') ? 'email' : 'dns',
        value: request.host,
      };
    }
    let at: Date | undefined;
    if (request.at !== undefined) {
      at = new Date(String(request.at));
      if (Number.isNaN(at.getTime())) throw new BatchLineError('at must be an ISO 8601 date');
    }
    if (
      request.purpose !== undefined &&
      request.purpose !== 'serverAuth' &&
      request.purpose !== 'clientAuth' &&
      request.purpose !== null
    ) {
      throw new BatchLineError('purpose must be serverAuth, clientAuth or null');
    }
    if (
      request.maxDepth !== undefined &&
      (typeof request.maxDepth !== 'number' || !Number.isInteger(request.maxDepth) || request.maxDepth < 0)
    ) {
      throw new BatchLineError('maxDepth must be a whole number');
    }
    const crls = Array.isArray(request.crls)
      ? request.crls.flatMap((pem: unknown) =>
          typeof pem === 'string' ? parsePemBlocks(pem).map((block) => block.der) : [],
        )
      : [];
    if (request.client !== undefined && (typeof request.client !== 'string' || !context.verifyAsClient))
      throw new BatchLineError('client must be the name of a client profile');
    // Optional fields set one by one, not spread in: every line of a batch comes through here.
    const input: VerifyInput = {
      leaf,
      intermediates: pemList(request.intermediates, 'intermediates'),
      anchors,
      purpose: (request.purpose as 'serverAuth' | 'clientAuth' | null | undefined) ?? 'serverAuth',
      expiryDays: 0,
    };
    if (host) input.host = host;
    if (at) input.at = at;
    if (typeof request.maxDepth === 'number') input.maxDepth = request.maxDepth;
    if (crls.length) input.crls = crls;
    if (request.policy !== undefined) input.policy = policyOf(request.policy);
    let result: VerifyResult;
    if (typeof request.client === 'string' && context.verifyAsClient)
      result = await context.verifyAsClient(input, request.client);
    else {
      if (anchors !== context.defaultAnchors) input.publicStoreName = 'request';
      result = await verifyChain(input);
    }
    const path = result.paths[result.chosenPath];
    const answer = JSON.stringify({
      id,
      ...(typeof request.client === 'string' ? { client: request.client } : {}),
      trusted: result.trusted,
      path: path?.certificates.map((certificate) => certificate.sha256) ?? [],
      findings: result.findings.map((item) => ({
        code: item.code,
        severity: item.severity,
        cert: item.certificate ?? null,
      })),
    });
    return { answer, trusted: result.trusted };
  } catch (error) {
    return {
      answer: JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) }),
      trusted: false,
    };
  }
}

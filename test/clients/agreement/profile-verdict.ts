/**
 * A case of the real-client corpus (test/clients/case.ts) judged by a Certscope client profile,
 * exactly as the real client was given it: the case's anchors as the user's own (local) anchors
 * and nothing else, the chain as presented, AIA URLs served from the case's map.
 */
import { verifyForClients, type ClientId, type ClientVerdict } from '../../../src-core/clients';
import type { VerifyInput } from '../../../src-core/verify';
import type { ClientCase, ClientName } from '../case';

/** Which profile models which real client. */
export const profileFor: Record<ClientName, ClientId> = {
  openssl: 'openssl',
  'openssl-verify': 'openssl',
  go: 'go',
  java: 'java',
  chromium: 'chrome',
};

export function caseInput(testCase: ClientCase): VerifyInput {
  const [leaf, ...rest] = testCase.presented;
  return {
    leaf,
    intermediates: rest,
    presented: testCase.presented,
    anchors: [{ name: 'case', certificates: testCase.anchors }],
    ...(testCase.host ? { host: testCase.host } : {}),
    ...(testCase.at ? { at: testCase.at } : {}),
    purpose: testCase.purpose ?? 'serverAuth',
    ...(testCase.crls?.length ? { crls: testCase.crls } : {}),
    ...(testCase.maxDepth !== undefined ? { maxDepth: testCase.maxDepth } : {}),
    expiryDays: 0,
    fetchIssuers: async (url) => {
      const der = testCase.aia?.[url];
      if (!der) throw new Error(`nothing at ${url}`);
      return [der];
    },
  };
}

/** Every profile's verdict on the case, from one path search (as the app computes them). */
export async function profileVerdicts(
  testCase: ClientCase,
  clients: readonly ClientId[],
): Promise<Map<ClientId, ClientVerdict>> {
  const { verdicts } = await verifyForClients(caseInput(testCase), { clients, chosen: clients[0] });
  return new Map(verdicts.map((verdict) => [verdict.client, verdict]));
}

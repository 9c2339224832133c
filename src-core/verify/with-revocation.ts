/**
 * Verification with opt-in online revocation: build and judge the paths, ask the caller's service
 * for the revocation evidence of exactly the chosen path, then judge the same paths again with it
 * (one path search, no second round of AIA fetches). The AIA fetches the search makes are recorded
 * on the result (`aiaFetches`), once per URL.
 */
import { recordAiaFetches, type AiaFetcher } from './aia-fetches';
import { judgePaths } from './judge';
import { buildPaths } from './path-builder';
import type { RevocationEvidence } from './revocation';
import type { VerifyInput, VerifyResult } from './types';

/** Fetches revocation evidence for a path, leaf first, anchor last (the API's `fetchRevocation`). */
export type FetchRevocation = (chain: Uint8Array[]) => Promise<RevocationEvidence>;

export async function verifyWithRevocation(
  given: Omit<VerifyInput, 'fetchIssuers'> & { fetchIssuers?: AiaFetcher },
  fetchRevocation: FetchRevocation | undefined,
): Promise<VerifyResult> {
  const { fetchIssuers: fetcher, ...rest } = given;
  const recorder = fetcher ? recordAiaFetches(fetcher) : undefined;
  const input: VerifyInput = { ...rest, ...(recorder ? { fetchIssuers: recorder.fetchIssuers } : {}) };
  const withFetches = (result: VerifyResult): VerifyResult =>
    recorder?.records.length ? { ...result, aiaFetches: recorder.records } : result;
  const candidates = await buildPaths(input);
  const first = await judgePaths(candidates);
  if (!fetchRevocation) return withFetches(first);
  const path = first.paths[first.chosenPath];
  const chain = path.certificates.map((certificate) => first.certificates[certificate.sha256]);
  let evidence: RevocationEvidence;
  try {
    evidence = await fetchRevocation(chain);
  } catch (error) {
    // The service promises never to throw; if the transport does, every certificate says why.
    const reason = `the revocation check failed (${error instanceof Error ? error.message : String(error)})`;
    evidence = {
      certificates: path.certificates
        .slice(0, -1)
        .map(({ sha256 }) => ({ sha256, crls: [], notChecked: reason })),
      fetches: 0,
    };
  }
  return withFetches(await judgePaths({ ...candidates, input: { ...input, revocation: evidence } }));
}

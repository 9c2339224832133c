/**
 * "Every certificate the server has": a server may hold an RSA and an ECDSA certificate (or an
 * Ed25519 one) and show each only to clients that can verify it. One handshake per signature
 * family, each offering only that family's algorithms — as SSL Labs and testssl.sh do — shows
 * them all; a family the server has no certificate for ends in a failure, which is kept.
 */
import {
  signatureFamilies,
  type FamilyProbe,
  type ProbeRequest,
  type SignatureFamily,
} from '../../../src-core/tls/types';
import { probe, ProbeError } from './index';

export async function probeEveryFamily(
  request: ProbeRequest,
  signal?: AbortSignal,
  families: readonly SignatureFamily[] = signatureFamilies,
): Promise<FamilyProbe[]> {
  const outcomes: FamilyProbe[] = [];
  // One after another: a server under test (or a rate limit) should see one client at a time.
  for (const family of families) {
    try {
      outcomes.push({ family, result: await probe({ ...request, signatureFamily: family }, signal) });
    } catch (error) {
      if (!(error instanceof ProbeError)) throw error;
      if (error.code === 'cancelled') throw error;
      outcomes.push({ family, failure: { code: error.code, message: error.message } });
    }
  }
  return outcomes;
}

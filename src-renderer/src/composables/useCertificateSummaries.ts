/** Decodes a list of DER certificates for display, with SHA-256 fingerprints (to spot duplicates). */
import { ref, watchEffect, type Ref } from 'vue';
import { readCertificate } from '../../../src-core/x509/certificate';
import type { CertificateModel } from '../../../src-core/x509/model';
import { sha256Hex } from '../../../src-core/crypto/sha256-hex';

export interface CertificateSummary {
  index: number;
  sha256: string;
  certificate?: CertificateModel;
  error?: string;
  /** Position (1-based) of an earlier identical certificate in the same list. */
  duplicateOf?: number;
}

export function useCertificateSummaries(ders: Ref<Uint8Array[] | undefined>) {
  const summaries = ref<CertificateSummary[]>([]);
  watchEffect(async () => {
    const list = ders.value ?? [];
    const firstSeen = new Map<string, number>();
    const next: CertificateSummary[] = [];
    for (const [index, der] of list.entries()) {
      const sha256 = await sha256Hex(der);
      const summary: CertificateSummary = { index, sha256 };
      try {
        summary.certificate = readCertificate(der);
      } catch (error) {
        summary.error = error instanceof Error ? error.message : String(error);
      }
      const earlier = firstSeen.get(sha256);
      if (earlier !== undefined) summary.duplicateOf = earlier + 1;
      else firstSeen.set(sha256, index);
      next.push(summary);
    }
    summaries.value = next;
  });
  return summaries;
}

/**
 * "Every certificate the server has": one more probe per signature family (ECDSA, RSA, EdDSA), each
 * offering only that family's algorithms, so a dual-certificate server shows each chain; each chain
 * is verified here against the same trust stores as the inspection.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { sha256Hex } from '../../../src-core/crypto/sha256-hex';
import { fetchScopeForProbe } from '../../../src-core/inspect/verify-probe';
import {
  signatureFamilies,
  type FamilyProbe,
  type ProbeRequest,
  type SignatureFamily,
} from '../../../src-core/tls/types';
import { useApi } from '../api/client';
import { useVerifier } from '../verifier/client';

export interface FamilyView extends FamilyProbe {
  /** SHA-256 of the leaf this family's handshake got. */
  leaf?: string;
  trusted?: boolean;
  /** Codes of the error findings on its chain. */
  errors: string[];
}

let runs = 0;

export const useEveryCertificateStore = defineStore('everyCertificate', () => {
  const families = shallowRef<FamilyView[]>([]);
  const running = ref(false);
  /** The target the list is about (a new inspection clears it). */
  const target = ref<string | undefined>();
  let generation = 0;

  async function probeFamily(request: ProbeRequest, family: SignatureFamily): Promise<FamilyView> {
    const outcome = await useApi().probeHost({ ...request, signatureFamily: family }, `every-${++runs}`);
    if (!outcome.ok)
      return {
        family,
        failure: { code: outcome.failure.code, message: outcome.failure.message },
        errors: [],
      };
    const verdict = (
      await useVerifier().verify(
        { kind: 'probe', probe: outcome.result, aia: true, revocation: false },
        request.proxy ?? null,
        fetchScopeForProbe(outcome.result),
      ).outcome
    ).result;
    const leaf = outcome.result.presented[0];
    return {
      family,
      result: outcome.result,
      ...(leaf ? { leaf: await sha256Hex(leaf) } : {}),
      ...(verdict ? { trusted: verdict.trusted } : {}),
      errors: verdict?.findings.filter((item) => item.severity === 'error').map((item) => item.code) ?? [],
    };
  }

  /** One handshake per family, one after another (a server should see one client at a time). */
  async function run(request: ProbeRequest): Promise<void> {
    const mine = ++generation;
    running.value = true;
    target.value = request.target;
    families.value = [];
    try {
      for (const family of signatureFamilies) {
        const view = await probeFamily(request, family);
        if (mine !== generation) return;
        families.value = [...families.value, view];
      }
    } finally {
      if (mine === generation) running.value = false;
    }
  }

  function clear(): void {
    generation++;
    families.value = [];
    running.value = false;
    target.value = undefined;
  }

  return { families, running, target, run, clear };
});

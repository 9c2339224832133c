/**
 * Trust: the stores the verifier uses (public, system, user — fetched once as DER and kept until
 * something changes), the user's own anchors and distrusted certificates, and every change the
 * user makes to them. `revision` goes up after each change, so the views showing a verdict verify
 * it again at once (a trusted root turns the result green on screen, not at the next inspection).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { UserTrustView } from '../../../src-core/api/contract';
import { sha256Hex } from '../../../src-core/crypto/sha256-hex';
import type { TrustAnchorStore } from '../../../src-core/verify';
import { useApi } from '../api/client';
import { decodeForDisplay } from '../format/certificates';
import { useVerificationStore } from './verification';

/** One anchor of one store, as the trust panel lists it. */
export interface AnchorRow {
  der: Uint8Array;
  store: string;
  sha256: string;
  name: string;
  subject: string;
  notAfter?: Date;
}

/** What importing files of anchors did. */
export interface AnchorImport {
  added: number;
  files: number;
  problems: string[];
}

export const useTrustStore = defineStore('trust', () => {
  const userAnchors = shallowRef<Uint8Array[]>([]);
  /** SHA-256 (hex) of each of the user's anchors. */
  const userAnchorHashes = ref<string[]>([]);
  const distrusted = ref<string[]>([]);
  /** Why the saved trust file could not be read, when it couldn't. */
  const problem = ref<string | undefined>();
  /** Goes up after every change to the user's trust. */
  const revision = ref(0);
  /** Every anchor of every store, for the trust panel (loaded on demand). */
  const rows = shallowRef<AnchorRow[]>([]);
  const stores = shallowRef<TrustAnchorStore[]>([]);
  let anchors: Promise<TrustAnchorStore[]> | undefined;
  let userLoaded: Promise<void> | undefined;

  /** The stores as the verifier takes them; asked for once until the user changes something. */
  function anchorStores(): Promise<TrustAnchorStore[]> {
    if (!anchors) {
      const asked = useApi().getTrustStores();
      anchors = asked;
      asked.catch(() => {
        if (anchors === asked) anchors = undefined; // ask again next time
      });
    }
    return anchors;
  }

  async function apply(view: UserTrustView): Promise<void> {
    const hashes = await Promise.all(view.anchors.map((der) => sha256Hex(der)));
    userAnchors.value = view.anchors;
    userAnchorHashes.value = hashes;
    distrusted.value = view.distrusted;
    problem.value = view.problem;
  }

  /** The user's anchors and distrusted certificates, read once (again with `force`). */
  function loadUserTrust(force = false): Promise<void> {
    if (force || !userLoaded) {
      const loading = useApi().getUserTrust().then(apply);
      userLoaded = loading;
      loading.catch(() => {
        if (userLoaded === loading) userLoaded = undefined;
      });
    }
    return userLoaded;
  }

  const userAnchorSet = computed(() => new Set(userAnchorHashes.value));
  function isUserAnchor(sha256: string): boolean {
    return userAnchorSet.value.has(sha256);
  }

  async function changed(view: UserTrustView): Promise<void> {
    anchors = undefined;
    // The verifier asks for anchors again (it keeps those it found until the stores change).
    useVerificationStore().storesChanged();
    await apply(view);
    revision.value++;
    if (rows.value.length) await loadRows();
  }

  /** Makes a certificate one of the user's anchors (and stops distrusting it). */
  async function trust(der: Uint8Array): Promise<void> {
    await changed(await useApi().addTrustAnchor(der));
  }

  async function untrust(sha256: string): Promise<void> {
    await changed(await useApi().removeTrustAnchor(sha256));
  }

  /** Distrusts a certificate in every store, or trusts it again. */
  async function setDistrusted(sha256: string, value: boolean): Promise<void> {
    await changed(await useApi().setDistrusted(sha256, value));
  }

  /** Every certificate in the files becomes one of the user's anchors (PEM, DER, PKCS#7…). */
  async function importFiles(files: { name: string; bytes: Uint8Array }[]): Promise<AnchorImport> {
    const { decodeInput } = await import('../../../src-core/inspect/decode-input');
    const api = useApi();
    const problems: string[] = [];
    let added = 0;
    let last: UserTrustView | undefined;
    for (const file of files) {
      const result = await decodeInput(file);
      problems.push(...result.errors.map((error) => error.message));
      for (const certificate of result.items) {
        try {
          last = await api.addTrustAnchor(certificate.der);
          added++;
        } catch (error) {
          problems.push(
            `${certificate.subjectDisplayName}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
    if (last) await changed(last);
    return { added, files: files.length, problems };
  }

  /** Reads every store for the trust panel: each anchor with its name, fingerprint and expiry. */
  async function loadRows(): Promise<void> {
    const [loaded] = await Promise.all([anchorStores(), loadUserTrust()]);
    const next: AnchorRow[] = [];
    for (const store of loaded) {
      for (const der of store.certificates) {
        const decoded = decodeForDisplay(der);
        next.push({
          der,
          store: store.name,
          sha256: await sha256Hex(der),
          name: decoded?.subjectDisplayName ?? '(unreadable)',
          subject: decoded?.subject ?? '',
          ...(decoded ? { notAfter: decoded.notAfter } : {}),
        });
      }
    }
    stores.value = loaded;
    rows.value = next;
  }

  return {
    userAnchors,
    userAnchorHashes,
    distrusted,
    problem,
    revision,
    rows,
    stores,
    anchorStores,
    loadUserTrust,
    isUserAnchor,
    trust,
    untrust,
    setDistrusted,
    importFiles,
    loadRows,
  };
});

/**
 * The root programs (Chrome, Mozilla, Apple, Microsoft, Android, Java) and what each says about the
 * roots the UI shows. Asked of the main process on first use, never at start-up; the SHA-256s
 * wanted within one tick go in one call, and each answer is kept for the session.
 */
import { defineStore } from 'pinia';
import { ref, shallowReactive, shallowRef } from 'vue';
import type { RootFacts, RootProgram } from '../../../src-core/trust/root-programs';
import { useApi } from '../api/client';

/** The contract's limit per call. */
const perCall = 5000;

export const useRootProgramsStore = defineStore('rootPrograms', () => {
  const programs = shallowRef<RootProgram[]>([]);
  const chromeVersionMajor = ref<number | undefined>();
  const facts = shallowReactive(new Map<string, RootFacts>());
  const error = ref<string | undefined>();
  let queued = new Set<string>();
  let flushing: Promise<void> | undefined;

  async function flush(): Promise<void> {
    const wanted = [...queued];
    queued = new Set();
    flushing = undefined;
    try {
      for (let at = 0; at < wanted.length; at += perCall) {
        const view = await useApi().getRootPrograms(wanted.slice(at, at + perCall));
        programs.value = view.programs;
        chromeVersionMajor.value = view.chromeVersionMajor;
        for (const root of view.roots) facts.set(root.sha256, root);
      }
      error.value = undefined;
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : String(caught);
    }
  }

  /** Loads the facts of these roots (those not known yet); resolves when they are in `facts`. */
  function load(sha256s: string[]): Promise<void> {
    const missing = sha256s.filter((sha256) => !facts.has(sha256));
    if (missing.length === 0 && programs.value.length > 0) return Promise.resolve();
    missing.forEach((sha256) => queued.add(sha256));
    flushing ??= Promise.resolve().then(flush);
    return flushing;
  }

  return { programs, chromeVersionMajor, facts, error, load };
});

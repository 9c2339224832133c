/**
 * Who would trust it (issue 14): the client the verdicts lead with — the default-client setting,
 * until the user picks another in the row — and, for each verdict shown (a host's, dropped
 * files'), every client's answer as the verification worker sends it: the chosen client's with
 * the verdict, the whole row a moment later.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue';
import {
  defaultClient,
  leadWith,
  type ClientId,
  type ClientVerdict,
  type ClientVerdicts,
} from '../../../src-core/clients';
import type { VerifyResult } from '../../../src-core/verify';
import type { JobOutcome, JobRow } from '../verifier/jobs';
import { VerificationCancelled, type VerificationHandle } from '../verifier/client';
import { useSettingsStore } from './settings';

export const useClientsStore = defineStore('clients', () => {
  const settings = useSettingsStore();
  /** This session's pick; the setting rules again once it changes. */
  const picked = ref<ClientId | undefined>();
  const chosen = computed<ClientId>(() => picked.value ?? settings.settings.defaultClient ?? defaultClient);
  watch(
    () => settings.settings.defaultClient,
    () => (picked.value = undefined),
  );
  function pick(client: ClientId): void {
    picked.value = client;
  }
  return { chosen, pick };
});

/** The verdicts led by `chosen` (each `differs` says why it is not that client's answer). */
export function leading(
  verdicts: ClientVerdicts | undefined,
  chosen: ClientId,
): { lead?: ClientVerdict; verdicts: ClientVerdict[] } {
  if (!verdicts) return { verdicts: [] };
  const led = leadWith(verdicts, chosen);
  const lead = led.verdicts.find((verdict) => verdict.client === chosen);
  return { ...(lead ? { lead } : {}), verdicts: led.verdicts };
}

/** One verdict's row of clients, inside the store that holds the verdict (`follow` each verdict). */
export function createClientRow(result: Ref<VerifyResult | undefined>) {
  const verdicts = shallowRef<ClientVerdicts | undefined>();
  /** Every client has answered (or the row failed). */
  const complete = ref(false);
  const error = ref<string | undefined>();
  let following: VerificationHandle | undefined;
  const led = computed(() => leading(verdicts.value, useClientsStore().chosen));
  /** The whole row as led on screen, for reports; undefined until every client has answered. */
  const forReport = computed<ClientVerdicts | undefined>(() =>
    complete.value && verdicts.value && led.value.lead
      ? { chosen: led.value.lead.client, verdicts: led.value.verdicts }
      : undefined,
  );
  /** What the page draws: the leading client's verdict, else Certscope's own. */
  const shown = computed(() => led.value.lead?.result ?? result.value);

  /**
   * A new verification starts: the row still being worked out for the last one is given up (a
   * worker busy on ten verdicts of a hostile chain is restarted rather than waited for).
   */
  function stop(): void {
    following?.cancel();
  }

  function clear(): void {
    stop();
    following = undefined;
    verdicts.value = undefined;
    complete.value = false;
    error.value = undefined;
  }

  /** A verdict came: its chosen client's answer now, the others when the worker sends them. */
  function follow(handle: VerificationHandle, outcome: JobOutcome): void {
    if (following !== handle) stop();
    following = handle;
    verdicts.value = outcome.clients;
    complete.value = false;
    error.value = undefined;
    handle.row.then(
      (row: JobRow) => {
        if (following !== handle) return;
        complete.value = true;
        if (row.ok) verdicts.value = row.clients;
        else error.value = row.message;
      },
      (caught: unknown) => {
        if (following !== handle || caught instanceof VerificationCancelled) return;
        complete.value = true;
        error.value = caught instanceof Error ? caught.message : String(caught);
      },
    );
  }

  // One reactive object: the store that holds it exposes plain values (`row.shown`, not `.value`).
  return reactive({ verdicts, complete, error, led, shown, forReport, stop, clear, follow });
}

export type ClientRow = ReturnType<typeof createClientRow>;

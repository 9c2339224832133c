/**
 * Who would trust it, in the page (issue 14): a verdict comes with its leading client's answer
 * and the row of every client follows; the program anchors are asked for once a session (a failed
 * load is tried again); a pick leads with another client without verifying again; the default
 * client is the setting, and a changed setting rules again over a pick.
 */
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProgramAnchors } from '../../src-core/clients';
import type { RootFacts, RootProgram } from '../../src-core/trust/root-programs';
import { programMarks } from '../../src-renderer/src/format/clients';
import { useClientsStore } from '../../src-renderer/src/stores/clients';
import { useDroppedChainStore } from '../../src-renderer/src/stores/droppedChain';
import { useSettingsStore } from '../../src-renderer/src/stores/settings';
import { selfSignedCa } from './support/certificates';
import { useFakeApi } from './support/fake-api';

/** A main process whose user store holds `anchor`, and whose root programs are empty lists. */
function fakeApi(anchor: Uint8Array, programs: 'answer' | 'fail' = 'answer') {
  return useFakeApi({
    findTrustAnchors: vi.fn(async () => ({
      stores: [
        { name: 'public', anchors: 0 },
        { name: 'user', anchors: 1 },
      ],
      anchors: [{ der: anchor, stores: ['user'] }],
    })),
    getProgramAnchors: vi.fn(async (program: ProgramAnchors['program']): Promise<ProgramAnchors> => {
      if (programs === 'fail') throw new Error('the root program data is unreadable');
      return { program, description: program, certificates: [], blocked: [], distrustAfter: [] };
    }),
    saveSettings: vi.fn(async (patch: object) => ({ ...useSettingsStore().settings, ...patch })),
  });
}

describe('client verdicts in the page', () => {
  let anchor: Uint8Array;
  beforeEach(async () => {
    setActivePinia(createPinia());
    anchor ??= await selfSignedCa('row.test', ['row.test']);
  });

  async function check() {
    const store = useDroppedChainStore();
    store.host = 'row.test';
    await store.check([anchor], []);
    return store;
  }

  it('without the root program data: the verdict stands, the row says why it is missing', async () => {
    fakeApi(anchor, 'fail');
    const store = await check();
    expect(store.result?.trusted).toBe(true);
    expect(store.clients.verdicts).toBeUndefined();
    await vi.waitFor(() => expect(store.clients.complete).toBe(true));
    expect(store.clients.error).toBe('the root program data is unreadable');
    expect(store.clients.shown).toBe(store.result);
  });

  it('leads with the default client, then fills the row; a pick re-leads it without a new verification', async () => {
    const api = fakeApi(anchor);
    const store = await check();
    // With the verdict: the leading client's answer only.
    expect(store.clients.verdicts?.verdicts.map((verdict) => verdict.client)).toEqual(['chrome']);
    expect(store.clients.complete).toBe(false);
    // …for which only its own program's anchors were needed.
    expect(api.getProgramAnchors.mock.calls.map(([program]) => program)).toEqual(['chrome']);
    expect(store.clients.forReport).toBeUndefined();
    await vi.waitFor(() => expect(store.clients.complete).toBe(true));
    expect(store.clients.error).toBeUndefined();
    expect(store.clients.led.verdicts).toHaveLength(10);
    expect(store.clients.led.lead?.client).toBe('chrome');
    expect(store.clients.shown).toBe(store.clients.led.lead?.result);
    // A failed load was tried again; each program once (the six some client trusts).
    expect(api.getProgramAnchors).toHaveBeenCalledTimes(6);

    const chrome = store.clients.led.lead;
    const other = store.clients.led.verdicts.find((verdict) => verdict.trusted !== chrome?.trusted);
    expect(other?.differs).toMatch(/refuses it|accepts what Chrome refuses/);
    const calls = api.findTrustAnchors.mock.calls.length;
    useClientsStore().pick(other!.client);
    expect(store.clients.led.lead?.client).toBe(other!.client);
    expect(store.clients.led.lead?.differs).toBeUndefined();
    expect(store.clients.led.verdicts.find((verdict) => verdict.client === 'chrome')?.differs).toMatch(
      /^Chrome (accepts what|refuses it)/,
    );
    expect(store.clients.shown).toBe(store.clients.led.lead?.result);
    expect(api.findTrustAnchors.mock.calls.length).toBe(calls);
    // Reports carry the row as led on screen.
    expect(store.clients.forReport?.chosen).toBe(other!.client);
    expect(store.clients.forReport?.verdicts).toHaveLength(10);

    // The next verdict leads with the pick; the programs are not asked for again.
    await store.check([anchor], []);
    expect(store.clients.verdicts?.verdicts.map((verdict) => verdict.client)).toEqual([other!.client]);
    await vi.waitFor(() => expect(store.clients.complete).toBe(true));
    expect(api.getProgramAnchors).toHaveBeenCalledTimes(6);
  });

  it('the default client is the setting; changing it rules again over a pick', async () => {
    fakeApi(anchor);
    const clients = useClientsStore();
    expect(clients.chosen).toBe('chrome');
    clients.pick('java');
    expect(clients.chosen).toBe('java');
    await useSettingsStore().save({ defaultClient: 'go' });
    await vi.waitFor(() => expect(clients.chosen).toBe('go'));
  });

  it('a cleared verdict clears its row', async () => {
    fakeApi(anchor);
    const store = await check();
    store.clear();
    expect(store.clients.verdicts).toBeUndefined();
    expect(store.clients.shown).toBeUndefined();
  });
});

describe('root program marks', () => {
  const program = (id: RootProgram['id'], name: string): RootProgram => ({
    id,
    name,
    usedBy: '',
    version: null,
    fetched: '2026-07-19',
    source: '',
    trusted: 1,
    blocked: 0,
  });
  const programs = [
    program('chrome', 'Chrome Root Store'),
    program('mozilla', 'Mozilla'),
    program('microsoft', 'Microsoft'),
  ];

  it("marks the programs that include a root, Chrome's distrust date, and a block", () => {
    const facts: RootFacts = {
      sha256: 'ab',
      trustedBy: ['chrome', 'mozilla'],
      blockedBy: ['microsoft'],
      chrome: {
        constraints: [{ minVersion: '139', sctNotAfter: new Date('2025-07-31T23:59:59Z') }],
        evPolicyOids: [],
      },
    } as unknown as RootFacts;
    expect(programMarks(facts, programs)).toEqual([
      {
        client: 'Chrome',
        verdict: 'unknown',
        detail:
          'included in Chrome Root Store (list of 2026-07-19); Chrome 139 and later: distrusted for certificates issued after 2025-07-31',
      },
      { client: 'Mozilla', verdict: 'trusted', detail: 'included in Mozilla (list of 2026-07-19)' },
      { client: 'Microsoft', verdict: 'not-trusted', detail: 'blocked by Microsoft (list of 2026-07-19)' },
    ]);
  });

  it('says when no program includes it', () => {
    expect(programMarks({ sha256: 'cd', trustedBy: [], blockedBy: [] }, programs)).toEqual([
      { client: 'in no root program', verdict: 'unknown', detail: 'trusted only where someone added it' },
    ]);
  });
});

/**
 * RootPrograms.vue: for one anchor, each program's answer (included, not included, blocked), its
 * list date, and Chrome's constraints in words — from the real shipped data, through the store,
 * with one API call for the anchors asked about together.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CertscopeApi } from '../../src-core/api/contract';
import { readRootProgramIndex, type RootProgramsView } from '../../src-core/trust/root-programs';
import RootPrograms from '../../src-renderer/src/components/RootPrograms.vue';
// The shipped data itself, as text (the renderer project has no Node APIs).
import programsJson from '../../resources/root-programs/programs.json?raw';

const index = readRootProgramIndex(JSON.parse(programsJson));
const epki = 'c0a6f4dc63a24bfdcf54ef2a6a082a0a72de35803e2ff5ff527ae5d87206dfd5';
const isrg = '96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6';
const microsoftBlocked = '001686cd181f83a1b1217d305b365c41e3470a78a1d37b134a98cd547b92dab3';

const getRootPrograms = vi.fn(async (sha256s: string[]): Promise<RootProgramsView> => ({
  programs: index.programs,
  chromeVersionMajor: index.chromeVersionMajor,
  roots: sha256s.map((sha256) => index.factsFor(sha256)),
}));

const rows = (wrapper: ReturnType<typeof mount>) =>
  Object.fromEntries(
    wrapper
      .findAll('[data-testid="root-program"]')
      .map((row) => [row.attributes('data-program'), row.attributes('data-state')]),
  );

describe('RootPrograms', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    getRootPrograms.mockClear();
    window.certscope = { getRootPrograms } as Partial<CertscopeApi> as CertscopeApi;
  });

  it("shows each program's answer and Chrome's constraint on a distrusted-after root", async () => {
    const wrapper = mount(RootPrograms, { props: { sha256: epki } });
    await flushPromises();
    expect(wrapper.get('[data-testid="root-programs-summary"]').text()).toBe(
      'Included by 6 of 7 root programs.',
    );
    expect(rows(wrapper)).toEqual({
      chrome: 'included',
      mozilla: 'absent',
      apple: 'included',
      microsoft: 'included',
      android: 'included',
      openjdk: 'included',
      oracle: 'included',
    });
    const chrome = wrapper.get('[data-program="chrome"]');
    expect(chrome.text()).toContain('Chrome Root Store');
    expect(chrome.text()).toContain('list date not recorded');
    expect(chrome.findAll('[data-testid="root-program-note"]').map((note) => note.text())).toEqual([
      'Chrome 139 and later: distrusted for certificates issued after 2025-07-31',
      'before Chrome 139: trusted with no date limit',
    ]);
    expect(wrapper.get('[data-program="mozilla"]').text()).toContain('not included');
    expect(wrapper.get('[data-program="mozilla"]').text()).toContain('list of 2026-07-19');
  });

  it('says when a root is in no program, and when a program blocks it', async () => {
    const wrapper = mount(RootPrograms, { props: { sha256: 'ab'.repeat(32) } });
    await flushPromises();
    expect(wrapper.get('[data-testid="root-programs-summary"]').text()).toContain(
      'In none of the 7 root programs Certscope ships',
    );
    await wrapper.setProps({ sha256: microsoftBlocked });
    await flushPromises();
    expect(rows(wrapper).microsoft).toBe('blocked');
    expect(wrapper.get('[data-program="microsoft"]').text()).toContain('on its list of distrusted roots');
  });

  it('asks once for anchors shown together, and not again for one it knows', async () => {
    mount(RootPrograms, { props: { sha256: epki } });
    mount(RootPrograms, { props: { sha256: isrg } });
    await flushPromises();
    expect(getRootPrograms).toHaveBeenCalledTimes(1);
    expect(getRootPrograms.mock.calls[0][0]).toEqual([epki, isrg]);
    const again = mount(RootPrograms, { props: { sha256: isrg } });
    await flushPromises();
    expect(getRootPrograms).toHaveBeenCalledTimes(1);
    expect(again.get('[data-program="chrome"]').findAll('[data-testid="root-program-note"]')).toHaveLength(0);
  });

  it('shows the reason when the data cannot be had', async () => {
    getRootPrograms.mockRejectedValueOnce(new Error('the root program data can’t be read'));
    const wrapper = mount(RootPrograms, { props: { sha256: epki } });
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toBe('the root program data can’t be read');
  });
});

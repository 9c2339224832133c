/**
 * The profiles' stores from the shipped root program data: each program's anchors, blocked list
 * and Chrome's distrust dates, through the API call the page uses, and the same verdicts on the
 * page (stores rebuilt from the API's answers) as in Node.
 */
import { describe, expect, it } from 'vitest';
import { programStoresFrom, verifyForClients } from '../../../src-core/clients';
import { rootProgramIds } from '../../../src-core/trust/root-programs';
import { apiMethods } from '../../../src-core/api/contract';
import { createApi } from '../../../src-main/services/api';
import { loadProgramStores } from '../../../src-main/services/trust/root-programs';
import { issueCert } from '../../../src-main/services/lab';

describe('program anchors', () => {
  it('answers each program: anchors, blocked list, Chrome distrust dates of the modelled version', async () => {
    const api = createApi({ mode: 'web' });
    const chrome = await api.getProgramAnchors('chrome');
    expect(chrome.certificates).toHaveLength(104);
    expect(chrome.description).toMatch(/^Chrome Root Store 36/);
    expect(chrome.distrustAfter.length).toBeGreaterThan(0);
    expect(chrome.distrustAfter[0].rule).toMatch(/distrusted for certificates issued after \d{4}-\d\d-\d\d/);
    const microsoft = await api.getProgramAnchors('microsoft');
    expect(microsoft.certificates).toHaveLength(331);
    expect(microsoft.blocked).toHaveLength(218);
    expect(() => apiMethods.getProgramAnchors(['nss'])).toThrow(/program must be one of/);
    expect(loadProgramStores()).toBe(loadProgramStores());
  });

  it('the page, with stores rebuilt from the answers, gives the same verdicts as Node', async () => {
    const api = createApi({ mode: 'web' });
    const answers = await Promise.all(rootProgramIds.map((id) => api.getProgramAnchors(id)));
    const root = await issueCert({ commonName: 'Page Root', isCa: true });
    const leaf = await issueCert({ commonName: 'page.test', issuer: root, dnsNames: ['page.test'] });
    const input = {
      leaf: leaf.der,
      intermediates: [],
      anchors: [
        { name: 'public', certificates: [] },
        { name: 'user', certificates: [root.der] },
      ],
      host: { kind: 'dns' as const, value: 'page.test' },
    };
    const summary = (verdicts: Awaited<ReturnType<typeof verifyForClients>>) =>
      verdicts.verdicts.map(({ client, trusted, reason, differs }) => ({ client, trusted, reason, differs }));
    const node = await verifyForClients(input, { programs: await loadProgramStores() });
    const page = await verifyForClients(input, { programs: programStoresFrom(answers) });
    expect(summary(page)).toEqual(summary(node));
    // A lab chain is not made to the Baseline Requirements: only the CA/B Forum client refuses it.
    expect(node.verdicts.filter((verdict) => !verdict.trusted).map((verdict) => verdict.client)).toEqual([
      'cabf',
    ]);
    const cabf = node.verdicts.find((verdict) => verdict.client === 'cabf');
    expect(cabf?.reason).toMatch(/CA\/B Forum/);
    // Named once: "CA/B Forum refuses it: certificate policies missing …".
    expect(cabf?.differs).toMatch(/^CA\/B Forum refuses it: certificate policies missing/);
  });
});

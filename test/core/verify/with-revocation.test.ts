/**
 * Online revocation judges the paths twice — to choose the path whose evidence is fetched, then
 * with that evidence — from one path search: AIA is fetched once.
 */
import { describe, expect, it } from 'vitest';
import { verifyWithRevocation } from '../../../src-core/verify';
import { issueCert } from '../../../src-main/services/lab';

describe('verifyWithRevocation', () => {
  it('searches once (one AIA fetch), asks for the chosen path’s evidence, and judges with it', async () => {
    const root = await issueCert({ commonName: 'Online Root', isCa: true });
    const intermediate = await issueCert({ commonName: 'Online Intermediate', isCa: true, issuer: root });
    const leaf = await issueCert({
      commonName: 'online.test',
      issuer: intermediate,
      dnsNames: ['online.test'],
      aiaCaIssuersUrl: 'http://127.0.0.1:9/int.der',
    });
    let fetches = 0;
    const asked: Uint8Array[][] = [];
    const result = await verifyWithRevocation(
      {
        leaf: leaf.der,
        intermediates: [],
        anchors: [{ name: 'public', certificates: [root.der] }],
        host: { kind: 'dns', value: 'online.test' },
        expiryDays: 0,
        fetchIssuers: async () => {
          fetches++;
          return [intermediate.der];
        },
      },
      async (chain) => {
        asked.push(chain);
        return { certificates: [], fetches: 0 };
      },
    );
    expect(fetches).toBe(1);
    expect(asked).toEqual([[leaf.der, intermediate.der, root.der]]);
    expect(result.revocation?.map((check) => check.status)).toEqual(['unknown', 'unknown', 'not-checked']);
    expect(result.findings.map((item) => item.code)).toEqual(['revocation-unknown', 'revocation-unknown']);
  });
});

import { describe, expect, it } from 'vitest';
import { pathLengthCheck } from '../../../../src-core/verify/checks/path-length';
import { issueCert } from '../../../../src-main/services/lab';
import { chainPath, codesOf, goodChain, host, pathOf, runCheck } from './support';

describe('path-length check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(pathLengthCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('a CA with pathLen 0 above another CA: path-length-exceeded, on that CA', async () => {
    const root = await issueCert({ commonName: 'PL Root', isCa: true });
    const upper = await issueCert({ commonName: 'PL Upper', isCa: true, pathLen: 0, issuer: root });
    const lower = await issueCert({ commonName: 'PL Lower', isCa: true, issuer: upper });
    const leaf = await issueCert({ commonName: host, issuer: lower, dnsNames: [host] });
    const path = await pathOf([leaf, lower, upper, root]);
    const findings = await runCheck(pathLengthCheck, path);
    expect(codesOf(findings)).toEqual(['path-length-exceeded']);
    expect(findings[0].certificate).toBe(path.chain[2].sha256);
  });
});

import { describe, expect, it } from 'vitest';
import { sentExtrasCheck } from '../../../../src-core/verify/checks/sent-extras';
import { readVerifyCert } from '../../../../src-core/verify/cert';
import { issueCert } from '../../../../src-main/services/lab';
import { chainPath, goodChain, runCheck } from './support';

describe('sent-extras check', () => {
  it('is silent on a good path sent as it should be', async () => {
    expect(await runCheck(sentExtrasCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('a certificate sent twice, and one the path does not need: duplicate-certificate, extra-certificate', async () => {
    const path = await chainPath(await goodChain());
    const stray = await readVerifyCert((await issueCert({ commonName: 'Stray' })).der);
    const [leaf, intermediate, root] = path.chain;
    const findings = await runCheck(sentExtrasCheck, path, undefined, {
      presented: [leaf, intermediate, intermediate, stray, root],
    });
    expect(findings).toEqual([
      { code: 'duplicate-certificate', severity: 'warning', certificate: intermediate.sha256 },
      { code: 'extra-certificate', severity: 'warning', certificate: stray.sha256 },
    ]);
  });
});

/**
 * The arithmetic some rules turn on, checked at their edges: the §6.3.2 validity schedule by
 * issuance date, serial sizes, and the SCT timestamp as the issuance-date proxy.
 */
import { describe, expect, it } from 'vitest';
import {
  cabfLeafValidityCheck,
  maximumValidityDays,
} from '../../../../../src-core/verify/checks/cabf/leaf-validity';
import { cabfSerialCheck } from '../../../../../src-core/verify/checks/cabf/serial';
import { cabfChecks } from '../../../../../src-core/verify/checks/cabf';
import { codesOf, pathOf, runCheck } from '../support';
import { goldenChain } from './support';

const day = 86_400_000;
const at = (text: string) => new Date(`${text}T00:00:00Z`);

describe('CA/B Forum rule arithmetic', () => {
  it('follows the SC-081 schedule by issuance date', () => {
    expect(maximumValidityDays(at('2025-01-01'))).toBe(398);
    expect(maximumValidityDays(at('2026-03-14'))).toBe(398);
    expect(maximumValidityDays(at('2026-03-15'))).toBe(200);
    expect(maximumValidityDays(at('2027-03-15'))).toBe(100);
    expect(maximumValidityDays(at('2029-03-15'))).toBe(47);
  });

  it('counts validity inclusively in 86,400-second days: 398 days exactly passes before 2026-03-15, a second more fails', async () => {
    const notBefore = at('2025-06-01');
    const exact = await goldenChain({
      leaf: { notBefore, notAfter: new Date(notBefore.getTime() + 398 * day - 1000) },
    });
    const over = await goldenChain({
      leaf: { notBefore, notAfter: new Date(notBefore.getTime() + 398 * day) },
    });
    const run = async (leaf: Uint8Array) =>
      codesOf(await runCheck(cabfLeafValidityCheck, await pathOf([leaf])));
    expect(await run(exact.leaf.der)).toEqual(['cabf-validity-advised']);
    expect(await run(over.leaf.der)).toEqual(['cabf-validity-too-long']);
  });

  it('judges serials by their encoded size: 8 octets pass, 7 warn, 21 fail, negative fails', async () => {
    const run = async (serial: bigint) =>
      codesOf(
        await runCheck(cabfSerialCheck, await pathOf([(await goldenChain({ leaf: { serial } })).leaf])),
      );
    expect(await run(0x0100000000000000n)).toEqual([]);
    expect(await run(0x7fffffffffffffn)).toEqual(['cabf-serial-low-entropy']);
    expect(await run(2n ** 159n - 1n)).toEqual([]);
    expect(await run(2n ** 159n)).toEqual(['cabf-serial-too-long']);
  });
});

describe('rules as in force when a certificate was issued', () => {
  const check = (name: string) => cabfChecks.find((item) => item.name === name)!;
  const rootFinding = async (name: string, notBefore: Date, extra: object) => {
    const chain = await goldenChain({
      root: { notBefore, notAfter: new Date(notBefore.getTime() + 7305 * day), ...extra },
    });
    return runCheck(check(name), await pathOf([chain.leaf, chain.intermediate, chain.root]));
  };

  it('a CA certificate issued before a rule took effect gets the finding as information', async () => {
    const withOu = {
      subjectExtra: { country: 'US', organization: 'Certscope Test', organizationalUnit: 'PKI' },
    };
    const [before] = await rootFinding('cabf-ca-subject', at('2020-01-01'), withOu);
    expect(before).toMatchObject({ code: 'cabf-subject-ou', severity: 'info' });
    expect(before.detail).toMatch(/in force since 2023-09-15; this CA certificate was issued 2020-01-01/);
    const [after] = await rootFinding('cabf-ca-subject', at('2024-01-01'), withOu);
    expect(after).toMatchObject({ code: 'cabf-subject-ou', severity: 'error' });
  });

  it('a BR 1.x rule (no EKU in a root) holds from 2012-07-01', async () => {
    const eku = { extKeyUsage: ['serverAuth'] };
    expect(await rootFinding('cabf-extended-key-usage', at('2011-01-01'), eku)).toMatchObject([
      { severity: 'info' },
    ]);
    expect(await rootFinding('cabf-extended-key-usage', at('2015-01-01'), eku)).toMatchObject([
      { severity: 'error' },
    ]);
  });

  it('a subscriber certificate is judged by the current rules whatever its date says', async () => {
    const chain = await goldenChain({
      leaf: {
        notBefore: at('2021-01-01'),
        notAfter: new Date(at('2021-01-01').getTime() + 40 * day),
        extKeyUsage: null,
      },
    });
    const [finding] = await runCheck(
      check('cabf-extended-key-usage'),
      await pathOf([chain.leaf, chain.intermediate, chain.root]),
    );
    expect(finding).toMatchObject({ code: 'cabf-eku-missing', severity: 'error' });
    expect(finding.detail).toMatch(/issuance date 2021-01-01, before BR 2.0.0/);
  });
});

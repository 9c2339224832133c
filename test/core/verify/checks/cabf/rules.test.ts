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

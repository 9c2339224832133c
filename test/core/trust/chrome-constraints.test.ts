/** Chrome Root Store constraint sets: parsing, when Chrome uses a constrained anchor, and the words. */
import { describe, expect, it } from 'vitest';
import {
  chromeAnchorUsable,
  compareChromeVersions,
  describeChromeConstraintSet,
  parseChromeConstraintSet,
} from '../../../src-core/trust/chrome-constraints';

// ePKI Root Certification Authority in Chrome Root Store 36: constrained from Chrome 139 on.
const epki = [{ sct_not_after_sec: 1754006399, min_version: '139' }, { max_version_exclusive: '139' }].map(
  parseChromeConstraintSet,
);

describe('Chrome constraint sets', () => {
  it('parses the store’s fields into dates and versions', () => {
    expect(epki).toEqual([
      { sctNotAfter: new Date('2025-07-31T23:59:59Z'), minVersion: '139' },
      { maxVersionExclusive: '139' },
    ]);
  });

  it('refuses what it cannot read rather than ignoring it', () => {
    expect(() => parseChromeConstraintSet({ sct_not_after_sec: 1, permitted_subtrees: [] })).toThrow(
      /unknown Chrome constraint permitted_subtrees/,
    );
    expect(() => parseChromeConstraintSet({ sct_not_after_sec: '1754006399' })).toThrow(/whole number/);
    expect(() => parseChromeConstraintSet({ min_version: 'latest' })).toThrow(/Chrome version/);
    expect(() => parseChromeConstraintSet({})).toThrow(/no condition/);
    expect(() => parseChromeConstraintSet([])).toThrow(/object/);
  });

  it('compares versions numerically', () => {
    expect(compareChromeVersions('139', '99')).toBe(1);
    expect(compareChromeVersions('139', '139.0.0')).toBe(0);
    expect(compareChromeVersions('138.0.7204.1', '139')).toBe(-1);
  });

  it('uses a constrained anchor only when one set holds', () => {
    const before = [new Date('2025-07-01T00:00:00Z')];
    const after = [new Date('2025-08-01T00:00:00Z')];
    // Chrome 139+: only certificates with an SCT on or before 2025-07-31.
    expect(chromeAnchorUsable(epki, { chromeVersion: '140', sctTimestamps: before })).toBe(true);
    expect(chromeAnchorUsable(epki, { chromeVersion: '140', sctTimestamps: after })).toBe(false);
    expect(chromeAnchorUsable(epki, { chromeVersion: '140', sctTimestamps: [] })).toBe(false);
    // One early SCT among late ones is enough.
    expect(chromeAnchorUsable(epki, { chromeVersion: '140', sctTimestamps: [...after, ...before] })).toBe(
      true,
    );
    // Before Chrome 139 the second set holds whatever the SCTs.
    expect(chromeAnchorUsable(epki, { chromeVersion: '138', sctTimestamps: after })).toBe(true);
    // No constraints: always.
    expect(chromeAnchorUsable([], { chromeVersion: '140', sctTimestamps: [] })).toBe(true);
  });

  it('says each set in plain words', () => {
    expect(epki.map(describeChromeConstraintSet)).toEqual([
      'Chrome 139 and later: distrusted for certificates issued after 2025-07-31',
      'before Chrome 139: trusted with no date limit',
    ]);
    expect(describeChromeConstraintSet(parseChromeConstraintSet({ sct_not_after_sec: 1761955199 }))).toBe(
      'distrusted for certificates issued after 2025-10-31',
    );
    expect(
      describeChromeConstraintSet({
        sctNotAfter: new Date('2025-07-31T12:00:00Z'),
        minVersion: '120',
        maxVersionExclusive: '130',
      }),
    ).toBe(
      'Chrome 120 up to (not including) 130: distrusted for certificates issued after 2025-07-31T12:00:00Z',
    );
  });
});

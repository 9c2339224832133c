/**
 * The Chrome Root Store's per-anchor constraints (chromium `root_store.proto`, `ConstraintSet`).
 * An anchor with constraints is used only when at least one of its sets holds; a set holds when
 * every condition it has holds:
 * - `sct_not_after_sec`: the leaf carries an SCT whose timestamp is not after this Unix time —
 *   in practice, certificates issued after it are distrusted;
 * - `min_version` / `max_version_exclusive`: the Chrome versions the set applies to.
 * An unknown condition is an error, never ignored: a set we can't read would be read as laxer
 * than it is.
 */

export interface ChromeConstraintSet {
  /** The latest SCT timestamp a leaf may rely on (`sct_not_after_sec`). */
  sctNotAfter?: Date;
  /** The first Chrome version (dotted, e.g. "139") the set applies to. */
  minVersion?: string;
  /** The first Chrome version it no longer applies to. */
  maxVersionExclusive?: string;
}

const versionPattern = /^\d+(\.\d+){0,3}$/;
const knownConditions = new Set(['sct_not_after_sec', 'min_version', 'max_version_exclusive']);

/** One `constraints[]` entry as the Chrome Root Store writes it (snake_case, Unix seconds). */
export function parseChromeConstraintSet(raw: unknown): ChromeConstraintSet {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error('a Chrome constraint set must be an object');
  const fields = raw as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !knownConditions.has(key));
  if (unknown.length) throw new Error(`unknown Chrome constraint ${unknown.join(', ')}`);
  const set: ChromeConstraintSet = {};
  const sct = fields.sct_not_after_sec;
  if (sct !== undefined) {
    if (!Number.isSafeInteger(sct) || (sct as number) < 0)
      throw new Error(`sct_not_after_sec must be a whole number of seconds, not ${String(sct)}`);
    set.sctNotAfter = new Date((sct as number) * 1000);
  }
  for (const [key, field] of [
    ['min_version', 'minVersion'],
    ['max_version_exclusive', 'maxVersionExclusive'],
  ] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !versionPattern.test(value))
      throw new Error(`${key} must be a Chrome version such as "139", not ${JSON.stringify(value)}`);
    set[field] = value;
  }
  if (Object.keys(set).length === 0) throw new Error('a Chrome constraint set has no condition');
  return set;
}

/** Compares dotted versions numerically ("139" < "139.0.1" < "140"). */
export function compareChromeVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

export interface ChromeConstraintContext {
  /** The Chrome version whose behaviour is asked about. */
  chromeVersion: string;
  /** The leaf's SCT timestamps (embedded, stapled or from the TLS extension). */
  sctTimestamps: Date[];
}

/** Whether one set holds for this leaf in this Chrome version. */
export function constraintSetHolds(set: ChromeConstraintSet, context: ChromeConstraintContext): boolean {
  const { chromeVersion, sctTimestamps } = context;
  if (set.minVersion !== undefined && compareChromeVersions(chromeVersion, set.minVersion) < 0) return false;
  if (
    set.maxVersionExclusive !== undefined &&
    compareChromeVersions(chromeVersion, set.maxVersionExclusive) >= 0
  )
    return false;
  if (set.sctNotAfter !== undefined) {
    const limit = set.sctNotAfter.getTime();
    if (!sctTimestamps.some((timestamp) => timestamp.getTime() <= limit)) return false;
  }
  return true;
}

/** Whether Chrome would use the anchor: no constraints, or at least one set that holds. */
export function chromeAnchorUsable(sets: ChromeConstraintSet[], context: ChromeConstraintContext): boolean {
  return sets.length === 0 || sets.some((set) => constraintSetHolds(set, context));
}

/** A UTC day when the limit is a day's last second (every one so far), else the exact time. */
const limitText = (date: Date) =>
  date.toISOString().endsWith('T23:59:59.000Z')
    ? date.toISOString().slice(0, 10)
    : date.toISOString().replace('.000Z', 'Z');

/**
 * Each set in plain words, e.g. "distrusted for certificates issued after 2025-07-31" or
 * "Chrome 139 and later: distrusted for certificates issued after 2025-07-31" (UTC).
 */
export function describeChromeConstraintSet(set: ChromeConstraintSet): string {
  const versions =
    set.minVersion && set.maxVersionExclusive
      ? `Chrome ${set.minVersion} up to (not including) ${set.maxVersionExclusive}`
      : set.minVersion
        ? `Chrome ${set.minVersion} and later`
        : set.maxVersionExclusive
          ? `before Chrome ${set.maxVersionExclusive}`
          : '';
  const rule = set.sctNotAfter
    ? `distrusted for certificates issued after ${limitText(set.sctNotAfter)}`
    : 'trusted with no date limit';
  return versions ? `${versions}: ${rule}` : rule;
}

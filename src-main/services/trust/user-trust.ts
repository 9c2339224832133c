/**
 * The user's own trust decisions, kept in the data folder (`user-trust.json`, written atomically):
 * anchors they added, and certificates they distrust in every store.
 */
import { createHash } from 'node:crypto';
import { createJsonStore, type StoreProblem } from '../storage/json-store';
import { dataDir } from '../data-dir';

export interface UserTrust {
  /** DER of each anchor, base64. */
  anchors: string[];
  /** SHA-256 (hex) of certificates never to trust, whichever store holds them. */
  distrusted: string[];
}

const maxAnchors = 1000;

function validate(data: unknown): UserTrust {
  const value = data as Partial<UserTrust> | null;
  if (!value || !Array.isArray(value.anchors) || !Array.isArray(value.distrusted))
    throw new Error('anchors and distrusted lists are missing');
  if (!value.anchors.every((item) => typeof item === 'string' && /^[A-Za-z0-9+/=]+$/.test(item)))
    throw new Error('an anchor is not base64');
  if (!value.distrusted.every((item) => typeof item === 'string' && /^[0-9a-f]{64}$/.test(item)))
    throw new Error('a distrusted entry is not a SHA-256');
  return { anchors: value.anchors, distrusted: value.distrusted };
}

const store = () =>
  createJsonStore<UserTrust>({
    dir: dataDir(),
    name: 'user-trust.json',
    schemaVersion: 1,
    defaults: () => ({ anchors: [], distrusted: [] }),
    validate,
  });

export function sha256Hex(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** Saves run one after another, so two quick clicks can't lose an anchor. */
let changes = 0;
/** Counts this process's changes to the user's trust: a reader may keep what it read until it moves. */
export function userTrustChanges(): number {
  return changes;
}
async function update(change: (trust: UserTrust) => UserTrust): Promise<UserTrust> {
  changes++;
  try {
    return await store().update(change);
  } finally {
    changes++;
  }
}

export async function loadUserTrust(): Promise<{ trust: UserTrust; problem?: StoreProblem }> {
  const loaded = await store().load();
  return { trust: loaded.data, ...(loaded.problem ? { problem: loaded.problem } : {}) };
}

export function addUserAnchor(der: Uint8Array): Promise<UserTrust> {
  const encoded = Buffer.from(der).toString('base64');
  return update((trust) => {
    if (trust.anchors.includes(encoded)) return trust;
    if (trust.anchors.length >= maxAnchors)
      throw new Error(`you already have ${maxAnchors} anchors of your own`);
    return {
      ...trust,
      anchors: [...trust.anchors, encoded],
      distrusted: trust.distrusted.filter((sha) => sha !== sha256Hex(der)),
    };
  });
}

export function removeUserAnchor(sha256: string): Promise<UserTrust> {
  return update((trust) => ({
    ...trust,
    anchors: trust.anchors.filter((anchor) => sha256Hex(Buffer.from(anchor, 'base64')) !== sha256),
  }));
}

export function setDistrusted(sha256: string, distrusted: boolean): Promise<UserTrust> {
  return update((trust) => ({
    ...trust,
    distrusted: distrusted
      ? [...new Set([...trust.distrusted, sha256])]
      : trust.distrusted.filter((sha) => sha !== sha256),
  }));
}

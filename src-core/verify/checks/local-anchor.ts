/** A path anchored only in a local store, when the public store was in use: interception, or an internal CA. */
import { finding } from '../findings';
import type { PathCheck } from './types';

export const localAnchorCheck: PathCheck<'local-anchor'> = {
  name: 'local-anchor',
  scope: 'path',
  codes: ['local-anchor-only'],
  summary: 'the anchor is in the public store, when that store is in use',
  run({ chain, last, anchored, anchorStores }, { rules, publicStoreGiven }) {
    const isPublic = anchorStores.some((store) => rules.publicStores.includes(store));
    if (!anchored || !anchorStores.length || isPublic || !publicStoreGiven) return [];
    return [finding('local-anchor-only', chain[last].sha256, anchorStores.join(', '))];
  },
};

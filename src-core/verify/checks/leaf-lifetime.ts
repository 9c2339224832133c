/** A TLS server leaf issued since September 2020 is valid for at most 398 days (CA/B Forum). */
import { finding } from '../findings';
import type { PathCheck } from './types';

const day = 86_400_000;
const since = new Date('2020-09-01T00:00:00Z');

export const leafLifetimeCheck: PathCheck<'leaf-lifetime'> = {
  name: 'leaf-lifetime',
  scope: 'path',
  codes: ['long-validity'],
  summary: 'a server leaf issued since 2020-09-01 is valid for 398 days at most',
  run({ chain }, { purpose }) {
    const leaf = chain[0];
    const days = (leaf.notAfter.getTime() - leaf.notBefore.getTime()) / day;
    return purpose === 'serverAuth' && leaf.notBefore >= since && days > 398 && chain.length > 1
      ? [finding('long-validity', leaf.sha256, `${Math.round(days)} days`)]
      : [];
  },
};

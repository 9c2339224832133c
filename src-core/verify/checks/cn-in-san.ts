/** The leaf's common names appear among its DNS SANs (unless it names IP addresses). */
import { finding } from '../findings';
import type { PathCheck } from './types';

export const cnInSanCheck: PathCheck<'cn-in-san'> = {
  name: 'cn-in-san',
  scope: 'path',
  codes: ['cn-not-in-san'],
  summary: "the leaf's common name is one of its subject alternative names",
  run({ chain }) {
    const leaf = chain[0];
    const san = leaf.san;
    if (!san || !leaf.commonNames.length) return [];
    const listed = (cn: string) =>
      san.dns.some((dns) => dns.toLowerCase() === cn.toLowerCase()) || san.ip.length > 0;
    return leaf.commonNames.every(listed) ? [] : [finding('cn-not-in-san', leaf.sha256)];
  },
};

/**
 * Chains nobody has verified before, as users bring them: each with its own freshly generated
 * leaf and intermediate keys, under one lab root. Nothing about one chain (its bytes, its keys,
 * its signatures) can be served from a cache filled by another.
 */
import { createKey, issueCert, type LabCert } from '../src-main/services/lab';

export interface BenchChain {
  host: string;
  leaf: LabCert;
  intermediate: LabCert;
}

export async function distinctChains(root: LabCert, count: number, label: string): Promise<BenchChain[]> {
  const chains: BenchChain[] = [];
  for (let index = 0; index < count; index++) {
    const host = `chain-${index}.${label}.bench.test`;
    const intermediate = await issueCert({
      commonName: `Bench ${label} Intermediate ${index}`,
      isCa: true,
      pathLen: 0,
      issuer: root,
      key: await createKey('p256'),
    });
    const leaf = await issueCert({
      commonName: host,
      issuer: intermediate,
      dnsNames: [host],
      key: await createKey('p256'),
    });
    chains.push({ host, leaf, intermediate });
  }
  return chains;
}

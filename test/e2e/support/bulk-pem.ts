/**
 * A PEM file with thousands of distinct certificates, for the virtualised list's e2e test and the
 * UI benchmark. Signing 5,000 certificates takes half a minute here, so one lab certificate named
 * "Bulk certificate 00001" is signed and then renumbered in its DER bytes: every copy parses as a
 * real certificate with its own name (its signature no longer verifies, which listing never checks).
 */
import { issueCert } from '../../../src-main/services/lab';

export function bulkName(index: number): string {
  return `Bulk certificate ${String(index + 1).padStart(5, '0')}`;
}

export async function bulkPem(count: number): Promise<string> {
  const issuer = await issueCert({ commonName: 'Certscope Bulk CA', isCa: true });
  const template = Buffer.from((await issueCert({ commonName: bulkName(0), issuer })).der);
  const at = template.indexOf(bulkName(0), 0, 'latin1');
  if (at < 0 || template.indexOf(bulkName(0), at + 1, 'latin1') >= 0)
    throw new Error('the template names itself more than once');
  const blocks: string[] = [];
  for (let index = 0; index < count; index++) {
    const der = Buffer.from(template);
    der.write(bulkName(index), at, 'latin1');
    const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
    blocks.push(`-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`);
  }
  return blocks.join('');
}

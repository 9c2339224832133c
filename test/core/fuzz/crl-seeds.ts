/**
 * Seeds and the check for fuzzing the verifier's CRL reader and scope check: NIST PKITS CRLs that
 * exercise what is easy to get wrong on hostile bytes — indirect CRLs with certificateIssuer
 * entries, delta CRLs, issuingDistributionPoint names (full and relative), reason scopes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readVerifyCert, type VerifyCert } from '../../../src-core/verify/cert';
import { checkRevocation, readCrl } from '../../../src-core/verify/crl';
import { conformanceDir } from '../../conformance/limbo';

const pkits = resolve(conformanceDir, 'pkits');
const crlNames = [
  'indirectCRLCA5CRL',
  'indirectCRLCA3cRLIssuerCRL',
  'deltaCRLCA1CRL',
  'deltaCRLCA1deltaCRL',
  'distributionPoint2CACRL',
  'onlySomeReasonsCA4compromiseCRL',
];

const read = (kind: 'certs' | 'crls', name: string) =>
  new Uint8Array(readFileSync(resolve(pkits, kind, `${name}.${kind === 'certs' ? 'crt' : 'crl'}`)));

let crls: Uint8Array[] | undefined;
/** The seed CRLs (read on first use, not when the module loads). */
export function crlFuzzSeeds(): Uint8Array[] {
  crls ??= crlNames.map((name) => read('crls', name));
  return crls;
}

// A certificate with a cRLIssuer distribution point, so every branch of the scope check runs.
let subject: Promise<[VerifyCert, VerifyCert]> | undefined;

/** Reading a mutated CRL answers (a CRL or undefined), and checking with it never throws. */
export async function checkCrl(bytes: Uint8Array): Promise<void> {
  subject ??= Promise.all([
    readVerifyCert(read('certs', 'ValidcRLIssuerTest33EE')),
    readVerifyCert(read('certs', 'indirectCRLCA6Cert')),
  ]);
  const [cert, issuer] = await subject;
  const crl = await readCrl(bytes);
  if (crl) await checkRevocation(cert, issuer, [crl], new Date('2020-01-01T00:00:00Z'));
}

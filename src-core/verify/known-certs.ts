/**
 * The verifier's certificates by their bytes: trust stores pass the same arrays call after call,
 * so an anchor is read once, and a certificate that doesn't read is remembered as such.
 */
import { equalBytes } from '../bytes/equal';
import { readVerifyCert, type VerifyCert } from './cert';

const parsedCache = new WeakMap<Uint8Array, Promise<VerifyCert | undefined>>();

/** The verifier's view of `der`, or undefined when it is no certificate it can use. */
export function readKnownCert(der: Uint8Array): Promise<VerifyCert | undefined> {
  let parsed = parsedCache.get(der);
  if (!parsed) {
    parsed = readVerifyCert(der).catch(() => undefined);
    parsedCache.set(der, parsed);
  }
  return parsed;
}

/** The same subject and key: one CA, whatever else differs between the two certificates. */
export function sameKey(a: VerifyCert, b: VerifyCert): boolean {
  return a.subjectKey === b.subjectKey && equalBytes(a.spki, b.spki);
}

import { describe, expect, it } from 'vitest';
import { revocationCheck } from '../../../../src-core/verify/checks/revocation';
import type { RevocationInputs } from '../../../../src-core/verify/checks/types';
import { checkRevocation, describeRevoked, readCrl, type ParsedCrl } from '../../../../src-core/verify/crl';
import { checkFetchedRevocation, type RevocationEvidence } from '../../../../src-core/verify/revocation';
import { createCrl } from '../../../../src-main/services/lab';
import { chainPath, codesOf, contextWith, goodChain, runCheck, type LabChain } from './support';

async function inputs(crlDers: Uint8Array[], evidence?: RevocationEvidence): Promise<RevocationInputs> {
  const crls = (await Promise.all(crlDers.map(readCrl))).filter((crl): crl is ParsedCrl => Boolean(crl));
  return {
    crls,
    ...(evidence
      ? { online: { bySha: new Map(evidence.certificates.map((entry) => [entry.sha256, entry])), crls } }
      : {}),
    crlOptions: (path) => ({ otherSigners: [...path.chain] }),
    checkRevocation,
    describeRevoked,
    checkFetchedRevocation,
  };
}

const crlsOf = async ({ root, intermediate }: LabChain, revokedSerial?: bigint) => [
  (await createCrl(intermediate, revokedSerial ? [{ serial: revokedSerial }] : [])).der,
  (await createCrl(root, [])).der,
];

describe('revocation check', () => {
  it('reads a CRL once per bytes: every client’s verdict meets the same object (its signature verdict with it)', async () => {
    const [der] = await crlsOf(await goodChain());
    const crl = await readCrl(der);
    expect(crl?.number).toBeDefined();
    expect(await readCrl(der)).toBe(crl);
    expect(await readCrl(der.slice())).not.toBe(crl);
    expect(await readCrl(new Uint8Array([0x30, 0x00]))).toBeUndefined();
  });

  it('is silent without revocation inputs, and on a good path whose CRLs list nothing', async () => {
    const parts = await goodChain();
    const path = await chainPath(parts);
    expect(await runCheck(revocationCheck, path)).toEqual([]);
    const context = contextWith({ revocation: await inputs(await crlsOf(parts)) });
    expect(await runCheck(revocationCheck, path, context)).toEqual([]);
  });

  it('a certificate on its issuer’s CRL: revoked', async () => {
    const parts = await goodChain();
    const context = contextWith({ revocation: await inputs(await crlsOf(parts, parts.leaf.serial)) });
    expect(codesOf(await runCheck(revocationCheck, await chainPath(parts), context))).toEqual(['revoked']);
  });

  it('CRLs given but none covering a certificate: revocation-unknown, an error (fail closed)', async () => {
    const parts = await goodChain();
    const context = contextWith({ revocation: await inputs([(await createCrl(parts.root, [])).der]) });
    const findings = await runCheck(revocationCheck, await chainPath(parts), context);
    expect(codesOf(findings)).toEqual(['revocation-unknown']);
    expect(findings[0].severity).toBe('error');
  });

  it('online evidence without an answer for a certificate: a revocation-unknown warning, and how each was checked', async () => {
    const parts = await goodChain();
    const path = await chainPath(parts);
    const context = contextWith({ revocation: await inputs([], { certificates: [], fetches: 0 }) });
    const outcome = await revocationCheck.run(path, context);
    expect(Array.isArray(outcome)).toBe(false);
    const { findings, revocation } = outcome as Exclude<typeof outcome, unknown[]>;
    expect(codesOf(findings)).toEqual(['revocation-unknown', 'revocation-unknown']);
    expect(findings.every((item) => item.severity === 'warning')).toBe(true);
    expect(revocation?.map((check) => check.status)).toEqual(['unknown', 'unknown', 'not-checked']);
  });
});

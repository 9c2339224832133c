/**
 * The probe and `openssl s_client` must agree on the same target: the chain (bytes and order),
 * version, cipher, group, the stapled OCSP response and the CA names of a CertificateRequest.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { readName, toRfc4514 } from '../../src-core/x509/name';
import { readWhole } from '../../src-core/asn1/der';
import type { HandshakeInfo, ProbeResult } from '../../src-core/tls/types';
import { ProbeError } from '../../src-main/services/probe';
import type { SClientReport } from './s-client';

/** Our stapled response read by `openssl ocsp`, in the terms s_client prints it. */
export function opensslOcspFacts(der: Uint8Array): SClientReport['ocsp'] {
  const dir = mkdtempSync(join(tmpdir(), 'certscope-agree-'));
  try {
    writeFileSync(join(dir, 'response.der'), der);
    const text = execFileSync(
      'openssl',
      ['ocsp', '-respin', join(dir, 'response.der'), '-resp_text', '-noverify'],
      {
        stdio: 'pipe',
      },
    ).toString();
    const field = (name: string) => new RegExp(`${name}: (.+)`).exec(text)?.[1].trim();
    return {
      certStatus: field('Cert Status') ?? '?',
      producedAt: field('Produced At') ?? '?',
      thisUpdate: field('This Update') ?? '?',
      ...(field('Next Update') ? { nextUpdate: field('Next Update') } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CA name from the probe as `TYPE=value` parts, most specific first (RFC 4514 order). */
export function caNameParts(der: Uint8Array): string[] {
  return toRfc4514(readName(der, readWhole(der))).split(/(?<!\\),/);
}

export interface Agreement {
  chain: Uint8Array[];
  version?: string;
  cipherSuite?: string;
  group?: string;
}

/** Fails with the difference when the probe and openssl saw different things. */
export function expectAgreement(
  result: Pick<ProbeResult, 'presented'> & { handshake: Partial<HandshakeInfo> },
  reference: SClientReport,
  expected?: Agreement,
): void {
  const hex = (chain: Uint8Array[]) => chain.map((der) => Buffer.from(der).toString('hex').slice(-24));
  expect(reference.certificates.length, `openssl saw no chain:\n${reference.output}`).toBeGreaterThan(0);
  expect(hex(result.presented), 'chain (order and bytes) vs openssl').toEqual(hex(reference.certificates));
  if (expected)
    expect(hex(result.presented), 'chain vs what the server was given').toEqual(hex(expected.chain));
  const { handshake } = result;
  expect(handshake.version, 'version vs openssl').toBe(reference.version);
  expect(handshake.cipherSuite, 'cipher vs openssl').toBe(reference.cipherSuite);
  expect(handshake.group, 'group vs openssl').toBe(reference.group);
  if (expected?.version) expect(handshake.version).toBe(expected.version);
  if (expected?.group) expect(handshake.group).toBe(expected.group);
  if (reference.ocsp) {
    expect(handshake.stapledOcsp, 'openssl saw a stapled OCSP response').toBeDefined();
    expect(opensslOcspFacts(handshake.stapledOcsp as Uint8Array), 'stapled OCSP vs openssl').toEqual(
      reference.ocsp,
    );
  } else {
    expect(handshake.stapledOcsp, 'openssl saw no stapled OCSP response').toBeUndefined();
  }
  if (reference.acceptableCaNames) {
    expect(handshake.certificateRequest, 'openssl saw a CertificateRequest').toBeDefined();
    expect(
      handshake.certificateRequest?.certificateAuthorities.map(caNameParts),
      'acceptable CA names vs openssl',
    ).toEqual(reference.acceptableCaNames);
  } else {
    expect(handshake.certificateRequest, 'openssl saw no CertificateRequest').toBeUndefined();
  }
}

/** The ProbeError a probe must end with (the test fails if it succeeds or throws anything else). */
export async function probeFailure(promise: Promise<unknown>): Promise<ProbeError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the probe should have failed').toBeInstanceOf(ProbeError);
  return error as ProbeError;
}

/**
 * OCSP requests and responses against the real `openssl ocsp`: our requests are what openssl
 * reads (SHA-1 CertID, nonce), and every answer it gives — good, revoked, unknown, signed by the
 * CA, a delegated responder or a wrong key, stale, replayed — gets the verdict RFC 6960 asks for.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readVerifyCert, type VerifyCert } from '../../../src-core/verify/cert';
import { buildOcspRequest, checkOcspResponse } from '../../../src-core/verify/ocsp';
import { answerOcspRequest, issueCert, type LabCert, type OcspSigning } from '../../lab';

const day = 86_400_000;

describe('OCSP requests and responses (RFC 6960)', () => {
  let root: LabCert;
  let ca: LabCert;
  let leaf: LabCert;
  let other: LabCert;
  let delegated: LabCert;
  let notForOcsp: LabCert;
  let stranger: LabCert;
  let leafV: VerifyCert;
  let caV: VerifyCert;
  let otherV: VerifyCert;

  beforeAll(async () => {
    root = await issueCert({ commonName: 'OCSP Test Root', isCa: true });
    ca = await issueCert({ commonName: 'OCSP Test CA', isCa: true, issuer: root });
    leaf = await issueCert({ commonName: 'ocsp.test', issuer: ca, dnsNames: ['ocsp.test'] });
    other = await issueCert({ commonName: 'other.test', issuer: ca, dnsNames: ['other.test'] });
    delegated = await issueCert({
      commonName: 'OCSP Test Responder',
      issuer: ca,
      keyUsage: ['digitalSignature'],
      extKeyUsage: ['OCSPSigning'],
    });
    notForOcsp = await issueCert({
      commonName: 'Not A Responder',
      issuer: ca,
      keyUsage: ['digitalSignature'],
    });
    stranger = await issueCert({ commonName: 'OCSP Test CA', isCa: true, keySpec: 'p384' });
    [leafV, caV, otherV] = await Promise.all([leaf, ca, other].map((cert) => readVerifyCert(cert.der)));
  });

  const signing = (overrides: Partial<OcspSigning> = {}): OcspSigning => ({
    issuer: ca,
    entries: [
      { cert: leaf, status: 'good' },
      { cert: other, status: 'revoked', revokedAt: new Date(Date.now() - 2 * day) },
    ],
    ...overrides,
  });
  const nonce = new Uint8Array(16).fill(7);
  const ask = async (cert: VerifyCert, overrides: Partial<OcspSigning> = {}, at = new Date()) => {
    const request = await buildOcspRequest(cert, caV, nonce);
    const response = answerOcspRequest(request, signing(overrides));
    return checkOcspResponse(response, cert, caV, { at, nonce });
  };

  it('builds a request openssl reads: SHA-1 CertID of this certificate, and the nonce', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-ocsp-req-'));
    writeFileSync(join(dir, 'request.der'), await buildOcspRequest(leafV, caV, nonce));
    const text = execFileSync('openssl', ['ocsp', '-reqin', join(dir, 'request.der'), '-req_text'], {
      encoding: 'utf8',
    });
    expect(text).toMatch(/Hash Algorithm: sha1/);
    expect(text).toMatch(new RegExp(`Serial Number: 0*${leaf.serial.toString(16)}\\b`, 'i'));
    expect(text).toMatch(/OCSP Nonce:\s+0410(07){16}/);
  });

  it('good, revoked (with its time) and unknown, from the CA itself', async () => {
    expect(await ask(leafV)).toEqual({ status: 'good' });
    const revoked = await ask(otherV);
    expect(revoked.status).toBe('revoked');
    expect(revoked.status === 'revoked' && revoked.revokedAt?.getTime()).toBeLessThan(Date.now() - day);
    expect(await ask(leafV, { entries: [] })).toEqual({
      status: 'unknown',
      problem: 'the OCSP responder does not know this certificate',
    });
  });

  it('accepts a delegated responder the CA certified for OCSP signing, and no other signer', async () => {
    expect(await ask(leafV, { signer: delegated })).toEqual({ status: 'good' });
    for (const signer of [notForOcsp, stranger]) {
      const verdict = await ask(leafV, { signer });
      expect(verdict.status).toBe('invalid');
      expect(verdict.status === 'invalid' && verdict.problem).toMatch(/signature verifies neither/);
    }
  });

  it('refuses a stale answer, one from the future, one about another certificate, a replay', async () => {
    const stale = await ask(leafV, {}, new Date(Date.now() + 9 * day));
    expect(stale.status === 'invalid' && stale.problem).toMatch(/has expired/);
    const early = await ask(leafV, {}, new Date(Date.now() - day));
    expect(early.status === 'invalid' && early.problem).toMatch(/from the future/);
    const response = answerOcspRequest(await buildOcspRequest(leafV, caV, nonce), signing());
    const aboutOther = await checkOcspResponse(response, otherV, caV, { at: new Date(), nonce });
    expect(aboutOther.status === 'invalid' && aboutOther.problem).toMatch(/about another certificate/);
    const replay = await checkOcspResponse(response, leafV, caV, {
      at: new Date(),
      nonce: new Uint8Array(16).fill(8),
    });
    expect(replay.status === 'invalid' && replay.problem).toMatch(/another request's nonce/);
    // The same name, another key: the CertID's key hash tells them apart.
    const strangerV = await readVerifyCert(stranger.der);
    const wrongIssuer = await checkOcspResponse(response, leafV, strangerV, { at: new Date(), nonce });
    expect(wrongIssuer.status === 'invalid' && wrongIssuer.problem).toMatch(/about another certificate/);
  });

  it('says what is wrong with bytes that are no answer', async () => {
    const at = new Date();
    const tryLater = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x03]);
    expect(await checkOcspResponse(tryLater, leafV, caV, { at })).toEqual({
      status: 'invalid',
      problem: 'the OCSP responder answered with error status 3 (tryLater)',
    });
    const garbage = await checkOcspResponse(new TextEncoder().encode('hello'), leafV, caV, { at });
    expect(garbage.status).toBe('invalid');
  });
});

/**
 * The Lab as the app runs it: every scenario starts (SHA-1 included), is probed at the name the
 * Inspect button uses (`localhost`), and verified the way the page does for a Lab server (its own
 * roots trusted, revocation checked where that is the lesson). Each scenario's own problem must
 * be the first error — the verdict's headline — and no scenario but wrong-host may have a wrong
 * host name. The revoked scenarios' CRL and OCSP answers are also read by the real openssl.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabServerView } from '../../src-core/api/contract';
import { fetchScopeForProbe, verifyProbeResult } from '../../src-core/inspect/verify-probe';
import type { FindingCode, VerifyResult } from '../../src-core/verify';
import { scenarioNames } from '../../src-main/services/lab';
import { listLabScenarios, startLabScenario, stopLabServers } from '../../src-main/services/lab/service';
import { probe } from '../../src-main/services/probe';
import { fetchRevocation } from '../../src-main/services/revocation/fetch';

/** The first error of each verdict (undefined: trusted with no error). */
const headlines: Record<string, FindingCode | undefined> = {
  good: undefined,
  expired: 'expired',
  'not-yet-valid': 'not-yet-valid',
  'wrong-host': 'hostname-mismatch',
  'self-signed-leaf': 'self-signed-leaf',
  'untrusted-root': 'untrusted-root',
  'missing-intermediate': 'unknown-issuer',
  'wrong-order': undefined,
  'extra-certificate': undefined,
  'duplicate-certificate': undefined,
  'sha1-signature': 'weak-signature',
  'rsa1024-key': 'weak-key',
  'cross-signed': undefined,
  'name-constraints': 'name-constraint-violation',
  'ca-without-basic-constraints': 'not-a-ca',
  'long-chain': undefined,
  'client-auth': undefined,
  'revoked-crl': 'revoked',
  'revoked-ocsp': 'revoked',
};

/** Public roots are in the stores too, as in the app; the Lab's own roots stand in for them. */
const publicStore = { name: 'public', certificates: tls.rootCertificates.slice(0, 5).map(pemToDer) };

function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
}

async function inspectLab(view: LabServerView): Promise<VerifyResult> {
  const result = await probe({ target: `localhost:${view.port}` });
  const verdict = await verifyProbeResult(result, {
    anchors: [{ name: 'lab', certificates: view.anchors }, publicStore],
    publicStoreName: 'lab',
    ...(view.checkRevocation
      ? { fetchRevocation: (chain) => fetchRevocation(chain, { scope: fetchScopeForProbe(result) }) }
      : {}),
  });
  if (!verdict) throw new Error('nothing to verify');
  return verdict;
}

describe('the Lab service', () => {
  afterAll(() => stopLabServers());

  it('lists every scenario with a title and a description, and has a headline for each here', () => {
    const listed = listLabScenarios();
    expect(listed.map((item) => item.name)).toEqual(scenarioNames);
    for (const item of listed) {
      expect(item.title).toMatch(/^[A-Z0-9]/);
      expect(item.title).not.toContain('-ca');
      expect(item.description.length).toBeGreaterThan(20);
    }
    expect(Object.keys(headlines).sort()).toEqual([...scenarioNames].sort());
  });

  for (const name of scenarioNames) {
    it(`${name}: starts, and its own problem is the headline`, async () => {
      const view = await startLabScenario(name);
      expect(view.host).toBe('localhost');
      const verdict = await inspectLab(view);
      const codes = verdict.findings.map((item) => item.code);
      const firstError = verdict.findings.find((item) => item.severity === 'error')?.code;
      expect(firstError, codes.join(', ')).toBe(headlines[name]);
      expect(verdict.trusted).toBe(headlines[name] === undefined);
      if (name !== 'wrong-host') expect(codes).not.toContain('hostname-mismatch');
      // The Lab's roots stand where public ones would: no "trusted only by a local store".
      expect(codes).not.toContain('local-anchor-only');
    });
  }

  it('starts a scenario once when asked twice at the same time', async () => {
    await stopLabServers();
    const [first, second] = await Promise.all([startLabScenario('good'), startLabScenario('good')]);
    expect(second.port).toBe(first.port);
  });

  it('trusts no root for the scenarios whose lesson is an untrusted root', async () => {
    for (const name of ['untrusted-root', 'self-signed-leaf']) {
      const view = await startLabScenario(name);
      expect(view.anchors).toEqual([]);
      expect(view.root.length).toBeGreaterThan(0);
    }
  });

  it("revoked-ocsp: the real openssl ocsp client reads the Lab responder's answer as revoked", async () => {
    const view = await startLabScenario('revoked-ocsp');
    const [leaf, intermediate] = (await probe({ target: `localhost:${view.port}` })).presented;
    const url = /OCSP - URI:(\S+)/.exec(
      execFileSync('openssl', ['x509', '-noout', '-text'], { input: pem(leaf) }).toString(),
    )?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ocsp$/);
    const dir = mkdtempSync(join(tmpdir(), 'certscope-lab-ocsp-'));
    try {
      writeFileSync(join(dir, 'leaf.pem'), pem(leaf));
      writeFileSync(join(dir, 'issuer.pem'), pem(intermediate));
      // Not execFileSync: the responder answers from this very process.
      const { stdout: output } = await promisify(execFile)('openssl', [
        'ocsp',
        '-issuer',
        join(dir, 'issuer.pem'),
        '-cert',
        join(dir, 'leaf.pem'),
        '-url',
        url!,
        '-VAfile',
        join(dir, 'issuer.pem'),
      ]);
      expect(output).toMatch(/leaf\.pem: revoked/);
      expect(output).toMatch(/Reason: keyCompromise/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("revoked-crl: the real openssl reads the Lab's CRL, signed by the intermediate, listing the leaf", async () => {
    const view = await startLabScenario('revoked-crl');
    const [leaf, intermediate] = (await probe({ target: `localhost:${view.port}` })).presented;
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: pem(leaf) }).toString();
    const url = /CRL Distribution Points:[\s\S]*?URI:(\S+)/.exec(text)?.[1];
    const crl = new Uint8Array(await (await fetch(url!)).arrayBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'certscope-lab-crl-'));
    try {
      writeFileSync(join(dir, 'crl.der'), crl);
      writeFileSync(join(dir, 'issuer.pem'), pem(intermediate));
      const output = execFileSync(
        'openssl',
        [
          'crl',
          '-inform',
          'DER',
          '-in',
          join(dir, 'crl.der'),
          '-CAfile',
          join(dir, 'issuer.pem'),
          '-noout',
          '-text',
        ],
        { stdio: 'pipe' },
      ).toString();
      const serial = execFileSync('openssl', ['x509', '-noout', '-serial'], { input: pem(leaf) })
        .toString()
        .split('=')[1]
        .trim();
      expect(output.replace(/\s/g, '')).toContain(`SerialNumber:${serial}`);
      expect(output).toMatch(/Key Compromise/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function pem(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Online revocation end to end: the service asks a REAL `openssl ocsp` responder (delegated
 * responder certificate, good/revoked/unknown entries) and a local HTTP server for CRLs, and the
 * verifier turns what came back into findings. Everything listens on this machine only.
 */
import { createServer, get, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain, type RevocationEvidence, type VerifyResult } from '../../../src-core/verify';
import type { ProxySettings } from '../../../src-core/tls/types';
import {
  clearRevocationCache,
  fetchRevocation,
  revocationLimits,
} from '../../../src-main/services/revocation/fetch';
import {
  createCrl,
  issueCert,
  startHttpFileServer,
  startLabProxy,
  startOcspResponder,
  type CertOptions,
  type LabCert,
  type LabHttpServer,
  type LabOcspResponder,
} from '../../lab';

const future = new Date(Date.now() + 80 * 86_400_000);
/** Everything here listens on 127.0.0.1: a lab inspecting its own servers, so private fetches are fine. */
const lab = { inspectedAddresses: ['127.0.0.1'] };
let nextSerial = BigInt(Date.now()) * 100n;
const serial = () => nextSerial++;

describe('online revocation (OCSP via AIA, CRLs via distribution points)', () => {
  let root: LabCert;
  let ca: LabCert;
  let files: LabHttpServer;
  let responder: LabOcspResponder;
  let wrongKeyResponder: LabOcspResponder;
  const servers: Server[] = [];
  const serials = { good: serial(), revoked: serial(), crlRevoked: serial(), unknown: serial() };

  /** A server that never answers (the fetch must give up on its own). */
  let silentUrl: string;
  /** Refuses POST with 405 and relays GET to the openssl responder (RFC 6960 A.1 fallback). */
  let getOnlyUrl: string;
  const getOnlyRequests: string[] = [];

  beforeAll(async () => {
    root = await issueCert({ commonName: 'Revocation Test Root', isCa: true });
    files = await startHttpFileServer();
    ca = await issueCert({
      commonName: 'Revocation Test CA',
      isCa: true,
      issuer: root,
      crlUrl: files.url('/root.crl'),
    });
    files.setRoute('/root.crl', { body: (await createCrl(root, [])).der });
    files.setRoute('/ca.crl', { body: (await createCrl(ca, [{ serial: serials.crlRevoked }])).der });
    files.setRoute('/garbage', { body: 'hello' });
    files.setRoute('/huge', { body: new Uint8Array(revocationLimits.maxOcspBytes + 1) });
    const delegated = await issueCert({
      commonName: 'Revocation Test OCSP Responder',
      issuer: ca,
      keyUsage: ['digitalSignature'],
      extKeyUsage: ['OCSPSigning'],
    });
    const entries = [
      { cert: { serial: serials.good, notAfter: future, subject: 'good' }, status: 'good' as const },
      { cert: { serial: serials.revoked, notAfter: future, subject: 'revoked' }, status: 'revoked' as const },
    ];
    responder = await startOcspResponder({ issuer: ca, signer: delegated, entries });
    // Same index, signed by a key the CA never certified.
    const stranger = await issueCert({
      commonName: 'Revocation Test OCSP Responder',
      keyUsage: ['digitalSignature'],
      extKeyUsage: ['OCSPSigning'],
    });
    wrongKeyResponder = await startOcspResponder({ issuer: ca, signer: stranger, entries });

    const listen = async (server: Server) => {
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      return `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    };
    silentUrl = await listen(createServer(() => undefined));
    getOnlyUrl = await listen(
      createServer((request, response) => {
        getOnlyRequests.push(request.method ?? '');
        if (request.method !== 'GET') {
          response.writeHead(405).end();
          return;
        }
        get(`${responder.url}${(request.url ?? '/').slice(1)}`, (upstream) => {
          response.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(response);
        });
      }),
    );
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await Promise.all([files?.close(), responder?.close(), wrongKeyResponder?.close()]);
  });
  beforeEach(() => clearRevocationCache());

  const leafWith = (options: Partial<CertOptions>) =>
    issueCert({ commonName: 'revocation.test', issuer: ca, dnsNames: ['revocation.test'], ...options });

  async function check(
    leaf: LabCert,
    limits: Partial<typeof revocationLimits> = {},
    proxy?: ProxySettings,
  ): Promise<{ evidence: RevocationEvidence; result: VerifyResult }> {
    const evidence = await fetchRevocation([leaf.der, ca.der, root.der], {
      limits,
      scope: lab,
      ...(proxy ? { proxy } : {}),
    });
    const result = await verifyChain({
      leaf: leaf.der,
      intermediates: [ca.der],
      anchors: [{ name: 'public', certificates: [root.der] }],
      host: { kind: 'dns', value: 'revocation.test' },
      expiryDays: 0,
      revocation: evidence,
    });
    return { evidence, result };
  }
  /** Findings about the leaf (the intermediate is checked by the root's CRL and is fine). */
  const leafFindings = (result: VerifyResult) =>
    result.findings.filter((item) => item.certificate === result.paths[0].certificates[0].sha256);

  it('good by OCSP (delegated responder) and by CRL: no finding, and how each was checked', async () => {
    const leaf = await leafWith({ serial: serials.good, ocspUrl: responder.url });
    const { evidence, result } = await check(leaf);
    expect(result.findings).toEqual([]);
    expect(result.trusted).toBe(true);
    expect(result.revocation?.map(({ method, status, urls }) => ({ method, status, urls }))).toEqual([
      { method: 'ocsp', status: 'good', urls: [responder.url] },
      { method: 'crl', status: 'good', urls: [files.url('/root.crl')] },
      { method: 'none', status: 'not-checked', urls: [] },
    ]);
    expect(evidence.fetches).toBe(2);
  });

  it('revoked by OCSP → revoked (error), with where the answer came from', async () => {
    const leaf = await leafWith({ serial: serials.revoked, ocspUrl: responder.url });
    const { result } = await check(leaf);
    expect(result.trusted).toBe(false);
    const revoked = result.findings.find((item) => item.code === 'revoked');
    expect(revoked?.severity).toBe('error');
    expect(revoked?.detail).toContain(`according to the OCSP responder at ${responder.url}`);
  });

  it('revoked by CRL (no OCSP URL) → revoked', async () => {
    const leaf = await leafWith({ serial: serials.crlRevoked, crlUrl: files.url('/ca.crl') });
    const { result } = await check(leaf);
    const revoked = result.findings.find((item) => item.code === 'revoked');
    expect(revoked?.detail).toContain(`listed on the CRL at ${files.url('/ca.crl')} issued `);
    expect(revoked?.detail).toMatch(/ issued \d{4}-\d\d-\d\d \(reason: [\w ]+\)$/);
    expect(result.revocation?.[0]).toMatchObject({ method: 'crl', status: 'revoked' });
  });

  it('an OCSP answer that is no use falls back to the CRL', async () => {
    const leaf = await leafWith({
      serial: serials.crlRevoked,
      ocspUrl: files.url('/garbage'),
      crlUrl: files.url('/ca.crl'),
    });
    const { result } = await check(leaf);
    expect(result.findings.map((item) => item.code)).toEqual(['revoked']);
  });

  const unknownCases: [string, () => Promise<LabCert>, RegExp, Partial<typeof revocationLimits>?][] = [
    [
      'the responder does not know the certificate',
      () => leafWith({ serial: serials.unknown, ocspUrl: responder.url }),
      /does not know this certificate/,
    ],
    ['the responder is down', () => leafWith({ ocspUrl: 'http://127.0.0.1:1/' }), /connection refused/],
    [
      'the responder never answers',
      () => leafWith({ ocspUrl: silentUrl }),
      /within 0.4 s|longer than 0.4 s/,
      { timeoutMs: 400 },
    ],
    [
      'it answers garbage',
      () => leafWith({ ocspUrl: files.url('/garbage') }),
      /not valid DER|could not be read/,
    ],
    ['it answers too much', () => leafWith({ ocspUrl: files.url('/huge') }), /more than 1048576 bytes/],
    [
      'the answer is signed by a key the CA never certified',
      () => leafWith({ serial: serials.good, ocspUrl: wrongKeyResponder.url }),
      /signature verifies neither/,
    ],
    ['the CRL server is down', () => leafWith({ crlUrl: 'http://127.0.0.1:1/ca.crl' }), /connection refused/],
    ['it names no OCSP or CRL URL', () => leafWith({}), /names no OCSP responder and no CRL/],
    ['its OCSP URL is https', () => leafWith({ ocspUrl: 'https://127.0.0.1:1/' }), /only http is fetched/],
  ];
  for (const [name, makeLeaf, reason, limits] of unknownCases) {
    it(`${name} → revocation-unknown (warning), trusted all the same`, async () => {
      const leaf = await makeLeaf();
      const { result } = await check(leaf, limits);
      const unknown = leafFindings(result);
      expect(unknown.map((item) => [item.code, item.severity])).toEqual([['revocation-unknown', 'warning']]);
      expect(unknown[0].detail).toMatch(reason);
      expect(result.trusted).toBe(true);
    });
  }

  it('falls back to GET (RFC 6960 A.1) when the responder refuses POST', async () => {
    const leaf = await leafWith({ serial: serials.revoked, ocspUrl: getOnlyUrl });
    const { evidence, result } = await check(leaf);
    expect(getOnlyRequests).toEqual(['POST', 'GET']);
    expect(evidence.certificates[0].ocsp?.response).toBeDefined();
    expect(result.findings.map((item) => item.code)).toEqual(['revoked']);
  });

  it("goes through the user's HTTP proxy, OCSP POST and CRL GET alike", async () => {
    const proxy = await startLabProxy({ username: 'user', password: 'secret' });
    try {
      const leaf = await leafWith({ serial: serials.revoked, ocspUrl: responder.url });
      const { result } = await check(leaf, {}, { url: `http://user:secret@127.0.0.1:${proxy.port}` });
      // The certificates are checked side by side: the order of the two requests varies.
      expect([...proxy.requests].sort()).toEqual([
        `GET ${files.url('/root.crl')} HTTP/1.1`,
        `POST ${responder.url} HTTP/1.1`,
      ]);
      expect(result.findings.map((item) => item.code)).toEqual(['revoked']);
      clearRevocationCache();
      const refused = await fetchRevocation([leaf.der, ca.der, root.der], {
        proxy: { url: proxy.url },
        scope: lab,
      });
      expect(refused.certificates[0].ocsp?.problem).toBe(
        `the proxy 127.0.0.1:${proxy.port} asks for credentials (give a user name and password)`,
      );
    } finally {
      await proxy.close();
    }
  });

  it('is cached for the session: a second check asks nobody', async () => {
    const leaf = await leafWith({ serial: serials.good, ocspUrl: responder.url });
    await check(leaf);
    const asked = responder.requests();
    const crlFetches = files.requests.length;
    const { evidence, result } = await check(leaf);
    expect(responder.requests()).toBe(asked);
    expect(files.requests.length).toBe(crlFetches);
    expect(evidence.fetches).toBe(0);
    expect(evidence.certificates[0].ocsp?.cached).toBe(true);
    expect(evidence.certificates[1].crls[0].cached).toBe(true);
    expect(result.findings).toEqual([]);
  });

  it('makes at most 8 fetches per call, and says which were not made', async () => {
    // Seven CAs deep, each certificate with a dead responder and two missing CRLs: 21 possible fetches.
    // (Distinct dead URLs: a failed one is remembered and not asked twice.)
    const dead = (name: string) => ({ ocspUrl: `http://127.0.0.1:1/${name}` });
    const chain: LabCert[] = [root];
    for (let depth = 0; depth < 6; depth++)
      chain.unshift(
        await issueCert({
          commonName: `Cap CA ${depth}`,
          isCa: true,
          issuer: chain[0],
          ...dead(`ca-${depth}`),
          crlUrl: files.url(`/missing-${depth}.crl`),
        }),
      );
    chain.unshift(
      await leafWith({ issuer: chain[0], ...dead('leaf'), crlUrl: files.url('/missing-leaf.crl') }),
    );
    const before = files.requests.length;
    const evidence = await fetchRevocation(
      chain.map((cert) => cert.der),
      { scope: lab },
    );
    expect(evidence.fetches).toBe(8);
    expect(files.requests.length - before).toBeLessThanOrEqual(8);
    const reasons = evidence.certificates.flatMap((entry) => [
      entry.ocsp?.problem ?? '',
      ...entry.crls.map((crl) => crl.problem ?? ''),
    ]);
    expect(reasons.filter((reason) => /limit of 8 fetches/.test(reason)).length).toBeGreaterThan(0);
  });

  it('asks no private address for a public host, and remembers failures for the session', async () => {
    const leaf = await leafWith({ serial: serials.good, ocspUrl: responder.url });
    const asked = responder.requests();
    const crlFetches = files.requests.length;
    const fromPublicHost = { inspectedAddresses: ['93.184.216.34'] };
    const evidence = await fetchRevocation([leaf.der, ca.der, root.der], { scope: fromPublicHost });
    expect(evidence.certificates[0].ocsp?.problem).toMatch(
      /^refused: 127\.0\.0\.1 is a loopback address; the inspected host is public/,
    );
    expect(evidence.certificates[1].crls[0].problem).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
    expect(responder.requests()).toBe(asked);
    expect(files.requests.length).toBe(crlFetches);
    // Asked again: the refusal is remembered, nothing is sent, no fetch is counted.
    const again = await fetchRevocation([leaf.der, ca.der, root.der], { scope: fromPublicHost });
    expect(again.fetches).toBe(0);
    expect(again.certificates[0].ocsp).toMatchObject({
      cached: true,
      problem: expect.stringMatching(/remembered/),
    });
    // A dead URL is remembered too, for the lab's own scope.
    const deadLeaf = await leafWith({ serial: serials.good, ocspUrl: 'http://127.0.0.1:1/dead' });
    await fetchRevocation([deadLeaf.der, ca.der, root.der], { scope: lab });
    const deadAgain = await fetchRevocation([deadLeaf.der, ca.der, root.der], { scope: lab });
    expect(deadAgain.certificates[0].ocsp).toMatchObject({
      cached: true,
      problem: expect.stringMatching(/connection refused.*remembered from earlier this session/),
    });
  });

  it('never throws: unreadable input becomes a reason', async () => {
    const evidence = await fetchRevocation([new Uint8Array([1, 2, 3]), root.der]);
    expect(evidence.certificates[0].notChecked).toMatch(/could not be read/);
  });
});

/**
 * Client profiles: the data is consistent with the research it cites, and the verdicts per client
 * differ where the clients do — a private CA with a non-critical basicConstraints, a 730-day leaf
 * under a local anchor vs a public one, a missing intermediate with AIA, Chrome's distrust dates,
 * Microsoft's blocked list, CT counting, TLS versions.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clientIds,
  clientProfiles,
  verifyForClients,
  type ClientVerdicts,
  type ProgramStores,
} from '../../../src-core/clients';
import { checkRegistry, verifyChain, type VerifyInput } from '../../../src-core/verify';
import { issueCert, type LabCert } from '../../../src-main/services/lab';
import { basicConstraints } from '../../clients/corpus/variants';

const host = 'profiles.test';
const day = 86_400_000;
const behaviours = JSON.parse(readFileSync('docs/clients.behaviours.json', 'utf8')) as {
  behaviours: { id: string; clients: Record<string, { basis: string }> }[];
  sources: Record<string, string>;
};

async function chain(options: { root?: object; intermediate?: object; leaf?: object } = {}) {
  const root = await issueCert({ commonName: 'Profiles Root', isCa: true, ...options.root });
  const intermediate = await issueCert({
    commonName: 'Profiles Intermediate',
    isCa: true,
    issuer: root,
    ...options.intermediate,
  });
  const leaf = await issueCert({ commonName: host, issuer: intermediate, dnsNames: [host], ...options.leaf });
  return { root, intermediate, leaf };
}

/** The chain as a server sends it, the root among the user's own anchors. */
function localInput({
  root,
  intermediate,
  leaf,
}: {
  root: LabCert;
  intermediate: LabCert;
  leaf: LabCert;
}): VerifyInput {
  return {
    leaf: leaf.der,
    intermediates: [intermediate.der],
    presented: [leaf.der, intermediate.der],
    anchors: [
      { name: 'public', certificates: [] },
      { name: 'user', certificates: [root.der] },
    ],
    host: { kind: 'dns', value: host },
    expiryDays: 0,
  };
}

/** Root program stores where `publicRoot` is in every program (and blocked by Microsoft when asked). */
function fakePrograms(
  publicRoot: LabCert,
  extra: { blocked?: string[]; distrust?: Map<string, { date: Date; rule: string }> } = {},
): ProgramStores {
  return {
    anchors: (program) => ({ name: program, certificates: [publicRoot.der] }),
    blocked: (program) => (program === 'microsoft' ? (extra.blocked ?? []) : []),
    chromeDistrust: extra.distrust ?? new Map(),
    describe: (program) => program,
  };
}

const byClient = (verdicts: ClientVerdicts) =>
  new Map(verdicts.verdicts.map((verdict) => [verdict.client, verdict]));

describe('profile data', () => {
  it('lists as unknown exactly what docs/clients.behaviours.json could not establish, and cites known sources', () => {
    for (const id of clientIds) {
      const profile = clientProfiles[id];
      const unknown = behaviours.behaviours
        .filter((behaviour) => ['unknown', '—'].includes(behaviour.clients[id]?.basis ?? 'unknown'))
        .map((behaviour) => behaviour.id);
      expect([...profile.unknown].sort(), id).toEqual(unknown.sort());
      for (const source of profile.sources)
        expect(behaviours.sources, `${id}: ${source}`).toHaveProperty(source);
    }
  });

  it('names only registered checks; rfc5280 is the default selection', () => {
    const names = new Set(checkRegistry.map((check) => check.name));
    for (const id of clientIds)
      for (const name of [...clientProfiles[id].with, ...clientProfiles[id].without])
        expect(names).toContain(name);
    expect(clientProfiles.rfc5280).toMatchObject({ without: [], with: [], rules: {}, severities: {} });
  });
});

describe('verdicts per client', () => {
  it('a private CA with a non-critical basicConstraints: Chrome, OpenSSL, Go and Java accept; strict RFC 5280 refuses', async () => {
    const parts = await chain({
      root: basicConstraints({ critical: false, ca: true }),
      intermediate: basicConstraints({ critical: false, ca: true }),
    });
    const verdicts = byClient(await verifyForClients(localInput(parts)));
    for (const client of ['chrome', 'firefox', 'openssl', 'go', 'java'] as const)
      expect(verdicts.get(client)?.trusted, client).toBe(true);
    const strict = verdicts.get('rfc5280');
    expect(strict?.trusted).toBe(false);
    expect(strict?.result.findings.map((item) => item.code)).toContain('profile-violation');
    expect(strict?.differs).toMatch(/^RFC 5280 refuses it: breaks the certificate profile/);
    // The default verdict is unchanged.
    expect((await verifyChain(localInput(parts))).trusted).toBe(false);
  });

  it('a 730-day leaf: no public-only rule under a local anchor; refused by Chrome and Apple under a public root', async () => {
    const notBefore = new Date(Date.now() - day);
    const parts = await chain({ leaf: { notBefore, notAfter: new Date(notBefore.getTime() + 730 * day) } });
    const local = byClient(await verifyForClients(localInput(parts), { programs: fakePrograms(parts.root) }));
    // The root is in every program too, but the user's local copy exempts it… only where it is the path's store.
    const localOnly = byClient(
      await verifyForClients(localInput(parts), {
        programs: fakePrograms(await issueCert({ commonName: 'Other', isCa: true })),
      }),
    );
    for (const verdict of localOnly.values()) {
      if (verdict.client === 'rfc5280' || verdict.client === 'cabf') continue;
      expect(
        verdict.result.findings.map((item) => item.code),
        verdict.client,
      ).not.toContain('long-validity');
      expect(verdict.trusted, verdict.client).toBe(true);
    }
    expect(local.get('chrome')?.trusted).toBe(false);
    expect(local.get('chrome')?.result.findings).toContainEqual(
      expect.objectContaining({ code: 'long-validity', severity: 'error' }),
    );
    expect(local.get('apple')?.trusted).toBe(false);
    expect(local.get('go')?.trusted).toBe(true);
    expect(local.get('go')?.differs).toMatch(/^Go accepts what Chrome refuses: /);
  });

  it('a missing intermediate fetched by AIA: browsers trust it, OpenSSL says why not in one sentence', async () => {
    const parts = await chain({ leaf: { aiaCaIssuersUrl: 'http://127.0.0.1:9/int.der' } });
    const input: VerifyInput = {
      ...localInput(parts),
      intermediates: [],
      presented: [parts.leaf.der],
      fetchIssuers: async () => [parts.intermediate.der],
    };
    const verdicts = byClient(await verifyForClients(input));
    expect(verdicts.get('chrome')?.trusted).toBe(true);
    expect(verdicts.get('windows')?.trusted).toBe(true);
    expect(verdicts.get('openssl')?.trusted).toBe(false);
    expect(verdicts.get('openssl')?.differs).toBe(
      "the server doesn't send the intermediate Profiles Intermediate and OpenSSL doesn't fetch it",
    );
    expect(verdicts.get('java')?.differs).toMatch(/and Java doesn't fetch it$/);
    // Firefox preloads only disclosed intermediates of public CAs: a private CA's is never found.
    expect(verdicts.get('firefox')?.trusted).toBe(false);
  });

  it('Firefox, under a public root, assumes a fetched intermediate is preloaded, and says so', async () => {
    const parts = await chain({ leaf: { aiaCaIssuersUrl: 'http://127.0.0.1:9/int.der' } });
    const input: VerifyInput = {
      ...localInput(parts),
      anchors: [{ name: 'public', certificates: [] }],
      intermediates: [],
      presented: [parts.leaf.der],
      fetchIssuers: async () => [parts.intermediate.der],
    };
    const firefox = byClient(
      await verifyForClients(input, {
        programs: fakePrograms(parts.root),
        clients: ['firefox'],
        chosen: 'firefox',
      }),
    ).get('firefox');
    expect(firefox?.notes.join(' ')).toMatch(/assumes it is a CCADB-disclosed intermediate/);
    expect(firefox?.result.findings.map((item) => item.code)).toContain('ct-insufficient');
  });

  it("Chrome's distrust date and CT apply under Chrome's public roots", async () => {
    const parts = await chain();
    const input = { ...localInput(parts), anchors: [{ name: 'public', certificates: [] }] };
    const programs = fakePrograms(parts.root, {
      blocked: [],
      distrust: new Map([
        [
          sha256(parts.root.der),
          {
            date: new Date('2020-01-01T00:00:00Z'),
            rule: 'distrusted for certificates issued after 2020-01-01',
          },
        ],
      ]),
    });
    const verdicts = byClient(await verifyForClients(input, { programs }));
    const chrome = verdicts.get('chrome');
    expect(chrome?.result.findings.map((item) => item.code)).toEqual(
      expect.arrayContaining(['distrusted-root', 'ct-insufficient']),
    );
    expect(chrome?.result.findings.find((item) => item.code === 'distrusted-root')?.detail).toMatch(
      /no embedded SCT, so its notBefore .* stands for the issuance date/,
    );
    expect(chrome?.result.findings.find((item) => item.code === 'ct-insufficient')?.detail).toMatch(
      /0 embedded SCTs from 0 logs; Chrome needs 2 .*signatures and log states not checked/,
    );
    // Java's store (OpenJDK's cacerts) has the root too, and neither rule is Java's.
    expect(verdicts.get('java')?.trusted).toBe(true);
    // OpenSSL and Go use the machine's bundle, which here is empty: the root program doesn't count.
    expect(verdicts.get('openssl')?.trusted).toBe(false);
    expect(verdicts.get('java')?.differs).toMatch(
      /^Java accepts what Chrome refuses: not enough Certificate Transparency proof/,
    );
  });

  it('Microsoft blocked list', async () => {
    const parts = await chain();
    const input = { ...localInput(parts), anchors: [{ name: 'public', certificates: [] }] };
    const programs = fakePrograms(parts.root, { blocked: [sha256(parts.intermediate.der)] });
    const windows = byClient(
      await verifyForClients(input, { programs, clients: ['windows'], chosen: 'windows' }),
    ).get('windows');
    expect(windows?.trusted).toBe(false);
    expect(windows?.reason).toMatch(/^blocked by the client \(Profiles Intermediate\)/);
  });

  it('TLS below 1.2: an error for browsers, Go and Java, a warning for OpenSSL', async () => {
    const parts = await chain();
    const verdicts = byClient(await verifyForClients(localInput(parts), { tlsVersion: 'TLS 1.0' }));
    expect(verdicts.get('chrome')?.trusted).toBe(false);
    expect(verdicts.get('go')?.trusted).toBe(false);
    expect(verdicts.get('openssl')?.trusted).toBe(true);
    expect(verdicts.get('openssl')?.result.findings).toContainEqual(
      expect.objectContaining({ code: 'legacy-tls-version', severity: 'warning' }),
    );
  });
});

function sha256(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/**
 * Refreshing from upstream (scripts/root-programs-upstream.ts): the observatory's YAML and
 * Chromium's textproto read as they are published, and a whole fetch — from a local HTTP server
 * serving ../shared/trust-stores in the upstream layout — builds the very data we ship.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRootPrograms, defaultOut, defaultSource } from '../../../scripts/refresh-root-programs';
import {
  fetchUpstreamSnapshot,
  parseObservatoryYaml,
  parseTextproto,
} from '../../../scripts/root-programs-upstream';
import type { RootProgramsFile } from '../../../src-core/trust/root-programs';

// As trust_stores/microsoft_windows.yaml has it, a folded subject name included.
const observatoryExcerpt = `platform: MICROSOFT_WINDOWS
version: null
url: https://ccadb.my.salesforce-sites.com/microsoft/IncludedCACertificateReportForMSFT
date_fetched: 2026-07-19
trusted_certificates_count: 1
trusted_certificates:
- subject_name: AAA Certificate Services
  fingerprint: D7A7A0FB5D7E2731D771E9484EBCDEF71D5F0C3E0A2948782BC83EE0EA699EF4
blocked_certificates_count: 2
blocked_certificates:
- subject_name: "F\\u0151tan\\xFAs\\xEDtv\\xE1nykiad\\xF3 - Korm\\xE1nyzati Hiteles\\xED\\
    t\\xE9s Szolg\\xE1ltat\\xF3"
  fingerprint: c2157309d9aee17bf34f4df5e88dbaeba57e0361eb814cbc239f4d54d329a38d
- subject_name: GPKIRootCA1
  fingerprint: 407c276bead2e4af0661ef6697341dec0a1f9434e4eafb2d3d32a90549d9de4a
`;

const textprotoExcerpt = `# Chrome Root Store.
version_major: 36

# CN=DigiCert Global Root G3, OU=www.digicert.com, O=DigiCert Inc, C=US
trust_anchors {
  sha256_hex: "31ad6648f8104138c738f39ea4320133393e3a18cc02296ef97c2ac9ef6731d0"
  ev_policy_oids: "2.23.140.1.1"
  trust_anchor_id: "\\x83\\x9a\\x64\\x8c\\x9b\\x2d\\x01\\x0a"
  crs_root_id: 21
}

# OU=ePKI Root Certification Authority, O=Chunghwa Telecom Co., Ltd., C=TW
trust_anchors {
  sha256_hex: "c0a6f4dc63a24bfdcf54ef2a6a082a0a72de35803e2ff5ff527ae5d87206dfd5"
  constraints: {
    sct_not_after_sec: 1754006399
    min_version: "139"
  }
  constraints { max_version_exclusive: "139" }
}
`;

describe('upstream formats', () => {
  it("reads the observatory's YAML, folded names and all", () => {
    expect(parseObservatoryYaml(observatoryExcerpt, 'microsoft_windows.yaml')).toEqual({
      platform: 'MICROSOFT_WINDOWS',
      version: null,
      url: 'https://ccadb.my.salesforce-sites.com/microsoft/IncludedCACertificateReportForMSFT',
      date_fetched: '2026-07-19',
      trusted: ['d7a7a0fb5d7e2731d771e9484ebcdef71d5f0c3e0a2948782bc83ee0ea699ef4'],
      blocked: [
        'c2157309d9aee17bf34f4df5e88dbaeba57e0361eb814cbc239f4d54d329a38d',
        '407c276bead2e4af0661ef6697341dec0a1f9434e4eafb2d3d32a90549d9de4a',
      ],
    });
  });

  it('refuses YAML it would have to guess at, and counts that disagree', () => {
    expect(() =>
      parseObservatoryYaml(observatoryExcerpt.replace('  fingerprint: D7', '  fingerprints: D7'), 'x'),
    ).toThrow(/not the observatory's format/);
    expect(() => parseObservatoryYaml(observatoryExcerpt.replace('_count: 2', '_count: 3'), 'x')).toThrow(
      /blocked_certificates_count says 3, the list has 2/,
    );
  });

  it("reads Chromium's textproto: comments, nested constraints, escaped bytes", () => {
    const proto = parseTextproto(textprotoExcerpt);
    expect(proto.fields[0]).toEqual(['version_major', 36]);
    const [, first] = proto.fields[1] as [string, { fields: [string, unknown][]; comment?: string }];
    expect(first.comment).toBe('CN=DigiCert Global Root G3, OU=www.digicert.com, O=DigiCert Inc, C=US');
    expect(first.fields).toContainEqual(['crs_root_id', 21]);
    expect(first.fields).toContainEqual(['trust_anchor_id', '\x83\x9a\x64\x8c\x9b\x2d\x01\x0a']);
    const [, second] = proto.fields[2] as [string, { fields: [string, { fields: unknown[] }][] }];
    expect(second.fields.filter(([name]) => name === 'constraints').map(([, set]) => set.fields)).toEqual([
      [
        ['sct_not_after_sec', 1754006399],
        ['min_version', '139'],
      ],
      [['max_version_exclusive', '139']],
    ]);
    expect(() => parseTextproto('trust_anchors {\n  sha256_hex: "ab"\n')).toThrow(/line 3: missing }/);
  });
});

/** ../shared/trust-stores in the upstream layout, served over HTTP on 127.0.0.1. */
function upstreamServer(options: { withhold?: string } = {}): Server {
  const shared = (name: string) => readFileSync(join(defaultSource, name), 'utf8');
  const pems = new Map<string, string>();
  const yaml = new Map<string, string>();
  for (const file of ['mozilla_nss', 'apple', 'microsoft_windows', 'google_aosp', 'openjdk', 'oracle_java']) {
    const json = JSON.parse(shared(`${file}.json`)) as {
      platform: string;
      version: string | null;
      source: string;
      date_fetched: string;
      trusted_sha256: string[];
      blocked_sha256: string[];
    };
    const blocks = shared(`${file}.pem`).match(
      /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g,
    )!;
    json.trusted_sha256.forEach((sha, at) => pems.set(sha, blocks[at] + '\n'));
    const list = (shas: string[]) =>
      shas.length
        ? '\n' + shas.map((sha) => `- subject_name: ${sha.slice(0, 8)}\n  fingerprint: ${sha}`).join('\n')
        : ' []';
    yaml.set(
      file,
      [
        `platform: ${json.platform}`,
        `version: ${json.version ?? 'null'}`,
        `url: ${json.source}`,
        `date_fetched: ${json.date_fetched}`,
        `trusted_certificates_count: ${json.trusted_sha256.length}`,
        `trusted_certificates:${list(json.trusted_sha256)}`,
        `blocked_certificates_count: ${json.blocked_sha256.length}`,
        `blocked_certificates:${list(json.blocked_sha256)}`,
        '',
      ].join('\n'),
    );
  }
  const chrome = JSON.parse(shared('chrome_root_store.json')) as {
    version_major: number;
    trust_anchors: Record<string, unknown>[];
    additional_certs: Record<string, unknown>[];
  };
  const escaped = (hex: string) => hex.replace(/../g, '\\x$&');
  const message = (name: string, entry: Record<string, unknown>) => {
    const lines = [
      `# ${String(entry.subject_comment)}`,
      `${name} {`,
      `  sha256_hex: "${String(entry.sha256)}"`,
    ];
    for (const [key, value] of Object.entries(entry)) {
      if (key === 'sha256' || key === 'subject_comment') continue;
      if (key === 'ev_policy_oids')
        for (const oid of value as string[]) lines.push(`  ev_policy_oids: "${oid}"`);
      else if (key === 'constraints')
        for (const set of value as Record<string, unknown>[])
          lines.push(
            `  constraints {\n${Object.entries(set)
              .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
              .join('\n')}\n  }`,
          );
      else if (key === 'trust_anchor_id')
        lines.push(`  trust_anchor_id: "${escaped((value as { hex: string }).hex)}"`);
      else lines.push(`  ${key}: ${String(value)}`);
    }
    return [...lines, '}', ''].join('\n');
  };
  const textproto = [
    `version_major: ${chrome.version_major}\n`,
    ...chrome.trust_anchors.map((anchor) => message('trust_anchors', anchor)),
    ...chrome.additional_certs.map((cert) => message('additional_certs', cert)),
  ].join('\n');
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  return createServer((request, response) => {
    const url = request.url ?? '';
    let body: string | undefined;
    const certificate = /^\/obs\/certificates\/([0-9a-f]{64})\.pem$/.exec(url)?.[1];
    const store = /^\/obs\/trust_stores\/([a-z_]+)\.yaml$/.exec(url)?.[1];
    if (certificate && certificate !== options.withhold) body = pems.get(certificate);
    else if (store) body = yaml.get(store);
    else if (url === '/obs/LICENSE') body = shared('LICENSE.trust_stores_observatory');
    else if (url === '/chromium/root_store.textproto?format=TEXT') body = base64(textproto);
    else if (url === '/chromium/root_store.certs?format=TEXT') body = base64(shared('chrome_root_store.pem'));
    response.writeHead(body === undefined ? 404 : 200).end(body ?? 'not found');
  });
}

describe('a refresh from upstream', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = upstreamServer();
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());

  it('fetches a snapshot that builds into the data we ship, now with Chrome’s fetch date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-upstream-'));
    const summary = await fetchUpstreamSnapshot(dir, {
      observatory: `${base}/obs`,
      chromium: `${base}/chromium`,
      today: '2026-12-01',
    });
    expect(summary.at(-1)).toBe('chrome_root_store: version 36, 104 anchors, 127 additional certificates');
    const built = await buildRootPrograms(dir);
    const shipped = JSON.parse(readFileSync(join(defaultOut, 'programs.json'), 'utf8')) as RootProgramsFile;
    expect(built.file.roots).toEqual(shipped.roots);
    expect(built.file.blockedOnly).toEqual(shipped.blockedOnly);
    expect(built.file.chrome).toEqual(shipped.chrome);
    expect(built.pem).toBe(readFileSync(join(defaultOut, 'roots.pem'), 'utf8'));
    expect(built.file.programs.slice(1)).toEqual(shipped.programs.slice(1));
    expect(built.file.programs[0]).toEqual({
      ...shipped.programs[0],
      fetched: '2026-12-01',
      source: `${base}/chromium/root_store.textproto`,
    });
  });

  it('refuses a snapshot where a listed root came without its certificate', async () => {
    const withheld = '96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6';
    const partial = upstreamServer({ withhold: withheld });
    await new Promise<void>((listening) => partial.listen(0, '127.0.0.1', listening));
    try {
      const url = `http://127.0.0.1:${(partial.address() as AddressInfo).port}`;
      const dir = mkdtempSync(join(tmpdir(), 'certscope-upstream-'));
      const summary = await fetchUpstreamSnapshot(dir, {
        observatory: `${url}/obs`,
        chromium: `${url}/chromium`,
      });
      expect(summary[0]).toBe('mozilla_nss: 121 trusted, 0 blocked, 1 without PEM');
      await expect(buildRootPrograms(dir)).rejects.toThrow(/mozilla_nss\.json: some roots have no PEM/);
    } finally {
      partial.close();
    }
  });
});

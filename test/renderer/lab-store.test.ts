/**
 * The Lab store (stores/lab.ts) against an in-memory API: scenarios and servers listed, a start
 * that fails is a readable message on its own row, a Lab server is recognised by its loopback
 * address and port, and an inspection of one trusts the Lab's root for it — green, with no click
 * and no "trusted only by a local store" — while the same capture from elsewhere is not trusted.
 */
import { createPinia, setActivePinia } from 'pinia';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabServerView } from '../../src-core/api/contract';
import { sha256Hex } from '../../src-core/crypto/sha256-hex';
import type { ProbeResult } from '../../src-core/tls/types';
import { readableStartError, useLabStore } from '../../src-renderer/src/stores/lab';
import { useInspectionStore } from '../../src-renderer/src/stores/inspection';
import { useVerificationStore } from '../../src-renderer/src/stores/verification';
import { selfSignedCa } from './support/certificates';
import { useFakeApi } from './support/fake-api';

let labRoot: Uint8Array;
let labServers: LabServerView[];

function fakeApi() {
  labServers = [];
  const api = {
    listLabScenarios: vi.fn(async () => [
      { name: 'good', title: 'Good chain', description: 'A valid chain.' },
      { name: 'sha1-signature', title: 'SHA-1 signature', description: 'SHA-1.' },
    ]),
    listLabServers: vi.fn(async () => [...labServers]),
    startLabScenario: vi.fn(async (name: string) => {
      if (name === 'sha1-signature') throw new Error('error:0A00018E:SSL routines::ca md too weak');
      const server: LabServerView = {
        scenario: name,
        description: 'A valid chain.',
        host: 'localhost',
        port: 40123,
        anchors: [labRoot],
        root: labRoot,
        checkRevocation: false,
      };
      labServers.push(server);
      return server;
    }),
    stopLabServers: vi.fn(async () => void (labServers = [])),
    getTrustStores: vi.fn(async () => [
      { name: 'public', certificates: [] },
      { name: 'user', certificates: [] },
    ]),
    // The verifier asks for anchors by subject; the stores here are empty (only the Lab's root counts).
    findTrustAnchors: vi.fn(async () => ({
      stores: [
        { name: 'public', anchors: 0 },
        { name: 'user', anchors: 0 },
      ],
      anchors: [],
    })),
    getUserTrust: vi.fn(async () => ({ anchors: [], distrusted: [] })),
    fetchAiaIssuers: vi.fn(async () => []),
    getSettings: vi.fn(),
  };
  return useFakeApi(api);
}

/** What the probe would capture from the Lab server: its self-signed root, presented as the leaf. */
const capture = (host: string, port: number): ProbeResult =>
  ({
    target: {
      host,
      asciiHost: host,
      port,
      sni: host,
      address: '127.0.0.1',
      resolvedAddresses: [],
      isIp: false,
    },
    presented: [labRoot],
    presentedSource: 'wire',
    handshake: {},
    notes: [],
  }) as unknown as ProbeResult;

describe('lab store', () => {
  beforeAll(async () => {
    labRoot = await selfSignedCa('localhost', ['localhost']);
  });
  beforeEach(() => setActivePinia(createPinia()));

  it('lists the scenarios and running servers, and starts one with its root known by SHA-256', async () => {
    const api = fakeApi();
    const lab = useLabStore();
    await lab.load();
    await lab.load();
    expect(api.listLabScenarios).toHaveBeenCalledTimes(1);
    expect(lab.scenarios.map((item) => item.title)).toEqual(['Good chain', 'SHA-1 signature']);
    const server = await lab.start('good');
    expect(server?.port).toBe(40123);
    expect(lab.serverFor('good')?.port).toBe(40123);
    expect(lab.rootHashes.good).toBe(await sha256Hex(labRoot));
    expect(lab.trustsOwnRoot(server!)).toBe(true);
    await lab.stopAll();
    expect(lab.servers).toEqual([]);
  });

  it("a scenario that won't start says why on its own row, in words", async () => {
    fakeApi();
    const lab = useLabStore();
    expect(await lab.start('sha1-signature')).toBeUndefined();
    expect(lab.problems['sha1-signature']).toBe(
      "the TLS library refused this scenario's certificates (ca md too weak)",
    );
    expect(lab.starting).toEqual([]);
    expect(readableStartError(new Error('port in use'))).toBe('port in use');
  });

  it('knows a Lab server by a loopback name and its port, asking the app when the port is new here', async () => {
    const api = fakeApi();
    const lab = useLabStore();
    expect(await lab.serverAt('example.com', 40123)).toBeUndefined();
    expect(api.listLabServers).not.toHaveBeenCalled();
    labServers.push({
      scenario: 'good',
      description: '',
      host: 'localhost',
      port: 40123,
      anchors: [labRoot],
      root: labRoot,
      checkRevocation: false,
    });
    expect((await lab.serverAt('127.0.0.1', 40123))?.scenario).toBe('good');
    expect(api.listLabServers).toHaveBeenCalledTimes(1);
    expect((await lab.serverAt('localhost', 40123))?.scenario).toBe('good');
    expect(api.listLabServers).toHaveBeenCalledTimes(1);
    expect(await lab.serverAt('localhost', 1)).toBeUndefined();
  });

  it("an inspection of a Lab server trusts the Lab's root for it, and only for it", async () => {
    fakeApi();
    await useLabStore().start('good');
    const inspection = useInspectionStore();
    const verification = useVerificationStore();

    inspection.result = capture('localhost', 40123);
    await inspection.reverify();
    expect(verification.result?.trusted).toBe(true);
    const path = verification.result!.paths[verification.result!.chosenPath];
    expect(path.anchorStores).toEqual(['lab']);
    expect(verification.result?.findings.map((item) => item.code)).not.toContain('local-anchor-only');

    inspection.result = capture('localhost', 40999);
    await inspection.reverify();
    expect(verification.result?.trusted).toBe(false);
  });
});

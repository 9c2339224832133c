/** History: kept across restarts, capped, size-limited, never holding secrets; diffs between inspections. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDataDir } from '../support/data-dir';
import { diffReports } from '../../../src-core/history/diff';
import { probeFromReport } from '../../../src-core/history/reopen';
import { verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import { buildReport, type InspectionReport } from '../../../src-core/report/report';
import {
  addHistoryEntry,
  clearHistory,
  getHistoryEntry,
  historyLimits,
  listHistory,
} from '../../../src-main/services/history/history';
import { buildScenario, issueCert, startNodeTlsServer, type Scenario } from '../../../src-main/services/lab';
import { probe } from '../../../src-main/services/probe';

/** Inspects `chain` served locally, trusting `trusting`'s root. */
async function inspectChain(
  scenario: Scenario,
  chain = scenario.presented,
  trusting = scenario,
): Promise<InspectionReport> {
  const server = await startNodeTlsServer({ chain });
  try {
    const result = await probe({ target: `localhost:${server.port}` });
    const anchors = [{ name: 'public', certificates: [trusting.root.der] }];
    const verdict = await verifyProbeResult(result, { anchors, expiryDays: 0 });
    return await buildReport({
      verify: verdict!,
      presented: result.presented,
      presentedSource: result.presentedSource,
      probe: result,
      trustStores: anchors,
      toolVersion: 'test',
    });
  } finally {
    await server.close();
  }
}

describe('history', () => {
  let scenario: Scenario;
  let report: InspectionReport;
  const dataDir = useTempDataDir('history');
  beforeAll(async () => {
    scenario = await buildScenario('good');
    report = await inspectChain(scenario);
  });

  it('keeps every inspection, newest first, across a restart, and clears', async () => {
    const first = await addHistoryEntry(report);
    const second = await addHistoryEntry(report);
    expect((await listHistory()).entries.map((entry) => entry.id)).toEqual([second.id, first.id]);
    expect((await getHistoryEntry(first.id))?.report.presented).toEqual(report.presented);
    expect(first).toMatchObject({ host: 'localhost', trusted: true, errors: 0 });
    await clearHistory();
    expect((await listHistory()).entries).toEqual([]);
  });

  it('drops the oldest past the cap (at the cap and one past it)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await addHistoryEntry(report, 3)).id);
    expect((await listHistory()).entries.map((entry) => entry.id)).toEqual([ids[3], ids[2], ids[1]]);
  });

  it('keeps an entry of exactly the size limit, and refuses one byte more with a clear message', async () => {
    const padded = (extra: number) => {
      const base = JSON.stringify({ ...report, notes: [''] }).length;
      return { ...report, notes: ['x'.repeat(historyLimits.maxEntryBytes - base + extra)] };
    };
    await expect(addHistoryEntry(padded(0))).resolves.toMatchObject({ id: expect.any(String) });
    await expect(addHistoryEntry(padded(1))).rejects.toThrow(/over the 2 MiB a history entry may take/);
  });

  it('never writes passwords or private keys, even if a caller passes them', async () => {
    const secret = 'hunter2-very-secret-password';
    const leaky = {
      ...report,
      clientCertificate: { privateKeyPem: secret },
      password: secret,
    } as unknown as InspectionReport;
    await addHistoryEntry(leaky);
    const dir = dataDir();
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name), 'utf8')).not.toContain(secret);
  });

  it('reopens a saved report as a probe result with the same chain and handshake', () => {
    const reopened = probeFromReport(report);
    expect(reopened?.presented.map((der) => Buffer.from(der).toString('base64'))).toEqual(
      report.presented.map((item) => item.der),
    );
    expect(reopened?.handshake.messages).toEqual(report.handshake?.messages);
  });

  it('diff: the same chain is no change; a renewal with the same key is just a renewal; a new key and issuer say so', async () => {
    expect(diffReports(report, report)).toEqual({ changes: [], summary: 'No change.' });
    const renewed = await issueCert({
      commonName: scenario.host,
      issuer: scenario.intermediates[0],
      dnsNames: [scenario.host, 'localhost'],
      ipAddresses: ['127.0.0.1', '::1'],
      key: scenario.leaf.key,
      notAfter: new Date(Date.now() + 200 * 86_400_000),
    });
    const renewal = diffReports(report, await inspectChain(scenario, [renewed, scenario.intermediates[0]]));
    expect(renewal.summary).toBe('Just a renewal (same issuer, same names, same key).');
    const other = await buildScenario('long-chain', { depth: 1 });
    // …to a chain whose root this machine doesn't trust.
    const moved = diffReports(report, await inspectChain(other, other.presented, scenario));
    expect(moved.changes.join(' ')).toMatch(/New key/);
    expect(moved.changes.join(' ')).toMatch(
      /New issuer: Certscope Lab Intermediate 1 \(was Certscope Lab Intermediate \(good\)\)/,
    );
    expect(moved.changes.join(' ')).toMatch(/Names changed/);
    expect(moved.changes.join(' ')).toMatch(/It is no longer trusted/);
    // Findings by their titles, not their codes.
    expect(moved.changes.join(' ')).toMatch(/New findings: Wrong host name\./);
    expect(moved.changes.join(' ')).not.toMatch(/hostname-mismatch/);
  });
});

/**
 * The ground-truth table: every case × every client, as markdown (a matrix of short verdicts,
 * then each case's reasons in full) and as JSON for tools. Hand-written notes between the
 * observation markers survive regeneration.
 */
import type { ClientCase, ClientName, Verdict } from './case';
import type { ClientInfo } from './runners/common';

export interface GroundTruth {
  generated: string;
  clients: ClientInfo[];
  cases: { id: string; source: string; description: string; expected?: string }[];
  verdicts: Verdict[];
  /** Per client, the paths it fetched from the AIA host while it ran. */
  aiaFetches: Partial<Record<ClientName, string[]>>;
}

export const observationsStart = '<!-- observations: hand-written, kept when the table is regenerated -->';
export const observationsEnd = '<!-- /observations -->';

/** A verdict in a few words: the client's own code or error class, for the matrix. */
export function shortReason(verdict: Verdict): string {
  if (verdict.accepted) return '✓';
  const reason = verdict.reason;
  let short: string;
  switch (verdict.client) {
    case 'openssl':
    case 'openssl-verify':
      short = /^X509_V_ERR (\d+): (.*?)(?: \(depth \d+\))?$/.exec(reason)?.slice(1, 3).join(' ') ?? reason;
      break;
    case 'go': {
      const match = /^x509\.(\w+?)(?:Error)?(?:\((\w+)\))?:/.exec(reason);
      short = match ? [match[1], match[2]].filter(Boolean).join(' ') : reason.replace(/:.*$/, '');
      if (/insecure algorithm/.test(reason)) short += ' (insecure algorithm)';
      break;
    }
    case 'java':
      short = reason
        .replace(/^javax\.net\.ssl\.SSLHandshakeException: /, '')
        .replace(/ \(cause: .*$/, '')
        .replace(
          /PKIX path validation failed: java\.security\.cert\.CertPathValidatorException: /,
          'path validation: ',
        )
        .replace(/PKIX path building failed: .*/, 'PKIX path building failed');
      break;
    case 'chromium':
      // `net::ERR_CERT_INVALID: <path builder error> [certificate 1 (CN=…)]` → `… @1`
      short = reason.replace(/^net::/, '').replace(/ \[certificate (\d+) \([^\]]*\)\]/g, ' @$1');
      break;
  }
  short = short.replace(/\|/g, '/');
  return `✗ ${short.length > 60 ? `${short.slice(0, 57)}…` : short}`;
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(truth: GroundTruth, observations = defaultObservations): string {
  const clients = truth.clients.map((info) => info.client);
  const byCase = new Map<string, Map<ClientName, Verdict>>();
  for (const verdict of truth.verdicts) {
    if (!byCase.has(verdict.caseId)) byCase.set(verdict.caseId, new Map());
    byCase.get(verdict.caseId)!.set(verdict.client, verdict);
  }
  const lines: string[] = [
    '# Real clients: ground truth',
    '',
    'What the real clients on this machine say about every case: the x509-limbo suite, every Lab',
    'scenario and the generated variants (`test/clients/`). Regenerate with',
    '`npm run clients -- --all --docs` (the table part; the observations are kept). How each client',
    'is driven: [test/clients/README.md](../test/clients/README.md).',
    '',
    `Generated ${truth.generated}.`,
    '',
    '| client | version | what shapes its verdicts |',
    '| --- | --- | --- |',
    ...truth.clients.map(
      (info) => `| ${info.client} | ${escapeCell(info.version)} | ${escapeCell(info.notes)} |`,
    ),
    '',
    observationsStart,
    observations.trim(),
    observationsEnd,
    '',
    '## Totals',
    '',
    `| client | cases run | accepted | refused | x509-limbo: as expected (accept / refuse) | AIA fetches |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...clients.map((client) => totalsRow(truth, client)),
    '',
  ];
  for (const source of ['limbo', 'lab', 'variant']) {
    const cases = truth.cases.filter((testCase) => testCase.source === source);
    if (!cases.length) continue;
    lines.push(`## ${sourceTitle[source]} (${cases.length})`, '');
    lines.push(
      '✓ accepted, ✗ refused (the client’s own code or error, shortened), — not run (no private key, or a past validation time).',
      '',
    );
    const expectedColumn = source === 'limbo';
    lines.push(`| case |${expectedColumn ? ' expected |' : ''} ${clients.join(' | ')} |`);
    lines.push(`| --- |${expectedColumn ? ' --- |' : ''}${clients.map(() => ' --- |').join('')}`);
    for (const testCase of cases) {
      const verdicts = byCase.get(testCase.id);
      const cells = clients.map((client) => {
        const verdict = verdicts?.get(client);
        return verdict ? escapeCell(shortReason(verdict)) : '—';
      });
      const expected = expectedColumn ? ` ${testCase.expected === 'accept' ? '✓' : '✗'} |` : '';
      lines.push(`| \`${testCase.id}\` |${expected} ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('## Every reason in full', '');
  for (const testCase of truth.cases) {
    const verdicts = byCase.get(testCase.id);
    lines.push(`### \`${testCase.id}\``, '', escapeCell(testCase.description) || '(no description)', '');
    for (const client of clients) {
      const verdict = verdicts?.get(client);
      if (!verdict) continue;
      const answer = verdict.accepted ? 'accepted' : `refused: ${verdict.reason}`;
      lines.push(`- ${client} (${verdict.mode}): ${escapeCell(answer)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const sourceTitle: Record<string, string> = {
  limbo: 'x509-limbo',
  lab: 'Lab scenarios',
  variant: 'Generated variants',
};

function totalsRow(truth: GroundTruth, client: ClientName): string {
  const verdicts = truth.verdicts.filter((verdict) => verdict.client === client);
  const accepted = verdicts.filter((verdict) => verdict.accepted).length;
  const expected = new Map(truth.cases.map((testCase) => [testCase.id, testCase.expected]));
  const limbo = verdicts.filter((verdict) => expected.get(verdict.caseId) !== undefined);
  const shouldAccept = limbo.filter((verdict) => expected.get(verdict.caseId) === 'accept');
  const shouldRefuse = limbo.filter((verdict) => expected.get(verdict.caseId) === 'refuse');
  const limboCell = limbo.length
    ? `${shouldAccept.filter((verdict) => verdict.accepted).length}/${shouldAccept.length} / ${shouldRefuse.filter((verdict) => !verdict.accepted).length}/${shouldRefuse.length}`
    : '—';
  const fetched = truth.aiaFetches[client] ?? [];
  const fetches = fetched.length ? fetched.map((path) => `\`${path}\``).join(', ') : 'none';
  return `| ${client} | ${verdicts.length} | ${accepted} | ${verdicts.length - accepted} | ${limboCell} | ${fetches} |`;
}

const defaultObservations = '## Observations\n\n(none written yet)';

/** The hand-written observations of an earlier table, if it had any. */
export function keptObservations(previous: string | undefined): string | undefined {
  if (!previous) return undefined;
  const start = previous.indexOf(observationsStart);
  const end = previous.indexOf(observationsEnd);
  if (start < 0 || end < start) return undefined;
  return previous.slice(start + observationsStart.length, end);
}

export function groundTruth(
  clients: ClientInfo[],
  cases: ClientCase[],
  verdicts: Verdict[],
  aiaFetches: GroundTruth['aiaFetches'] = {},
): GroundTruth {
  return {
    aiaFetches,
    generated: new Date().toISOString().slice(0, 10),
    clients,
    cases: cases.map((testCase) => ({
      id: testCase.id,
      source: testCase.source,
      description: testCase.description,
      ...(testCase.expected ? { expected: testCase.expected } : {}),
    })),
    verdicts,
  };
}

/**
 * `certscope stores`: the root programs Certscope ships (version, date, counts) beside the stores
 * this machine's verdict uses; `--root` shows one root's memberships, `--program` lists a
 * program's roots (or writes them as PEM).
 */
import { readVerifyFile } from '../../../src-core/inspect/verify-files';
import { describeChromeConstraintSet } from '../../../src-core/trust/chrome-constraints';
import {
  rootProgramIds,
  type RootFacts,
  type RootProgram,
  type RootProgramId,
  type RootProgramIndex,
} from '../../../src-core/trust/root-programs';
import { loadRootProgramCertificates, loadRootProgramIndex } from '../../services/trust/root-programs';
import { loadTrustStores } from '../../services/trust/stores';
import { sha256Hex } from '../../services/trust/user-trust';
import { exitCodes, parseArgs, UsageError, type CliIo } from '../io';

export const storesHelp = `Usage: certscope stores [--json]
       certscope stores --root <SHA-256|file>… [--json]
       certscope stores --program <id> [--pem | --json]

Lists the root programs Certscope ships — ${rootProgramIds.join(', ')} — with each one's
version, the date its list was fetched, how many roots it trusts and blocks, and the stores this
machine's verdict uses (the Mozilla roots bundled with Node, the system bundle, your anchors).
  --root X      which programs include or block a root: X is its SHA-256 (hex, colons allowed)
                or a certificate file (PEM, DER, PKCS#7: every certificate in it); repeatable
  --program ID  the roots of one program (Chrome: with their constraints and EV policies)
  --pem         with --program: the program's roots as one PEM bundle (e.g. for curl --cacert)
  --json        the same as JSON
Exit codes: 0 shown (with --root: every root is trusted by at least one program), 1 a root given
is in no program or only blocked, 2 usage or input errors.`;

export async function runStores(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    values: ['program'],
    booleans: ['json', 'pem', 'help'],
    repeatable: ['root'],
  });
  if (args.flags.has('help')) {
    io.stdout(storesHelp + '\n');
    return exitCodes.ok;
  }
  if (args.positionals.length) throw new UsageError(`unexpected argument ${args.positionals[0]}`);
  const program = args.flags.get('program');
  const roots = args.lists.get('root') ?? [];
  if (program !== undefined && roots.length) throw new UsageError('give --root or --program, not both');
  if (args.flags.has('pem') && program === undefined) throw new UsageError('--pem goes with --program');
  const index = await loadRootProgramIndex();
  if (typeof program === 'string')
    return listProgram(index, programId(program), args.flags.has('pem'), args.flags.has('json'), io);
  if (roots.length) return showRoots(index, roots, args.flags.has('json'), io);
  return listPrograms(index, args.flags.has('json'), io);
}

function programId(text: string): RootProgramId {
  const id = text.toLowerCase() as RootProgramId;
  if (!rootProgramIds.includes(id))
    throw new UsageError(`unknown program "${text}" (one of ${rootProgramIds.join(', ')})`);
  return id;
}

const dateText = (program: RootProgram) => program.fetched ?? 'not recorded';

/** "Chrome Root Store 36", "Apple iOS 26": the name with a short form of its version. */
export function programLabel(program: RootProgram): string {
  const version = program.version?.split(',')[0];
  return version ? `${program.name} ${version}` : program.name;
}

/** Counts of the stores the default verdict uses, and how many of each the Mozilla list has. */
async function verdictStores(index: RootProgramIndex) {
  const mozilla = index.program('mozilla');
  return (await loadTrustStores()).map((store) => {
    const hashes = store.certificates.map(sha256Hex);
    return {
      name: store.name,
      roots: hashes.length,
      inMozilla: hashes.filter((sha) => index.bySha256(sha)?.trustedBy.includes('mozilla')).length,
      inAnyProgram: hashes.filter((sha) => (index.bySha256(sha)?.trustedBy.length ?? 0) > 0).length,
      mozillaFetched: mozilla.fetched,
    };
  });
}

const storeMeaning: Record<string, string> = {
  public: `the Mozilla roots bundled with Node ${process.version}`,
  system: "this system's CA bundle",
  user: 'your own anchors',
};

async function listPrograms(index: RootProgramIndex, json: boolean, io: CliIo): Promise<number> {
  const stores = await verdictStores(index);
  const chromeRoots = index.roots.filter((root) => root.chrome);
  const chrome = {
    constrained: chromeRoots.filter((root) => root.chrome?.constraints.length).length,
    ev: chromeRoots.filter((root) => root.chrome?.evPolicyOids.length).length,
  };
  const blockedOnly = index.programs.reduce((sum, program) => sum + program.blocked, 0);
  if (json) {
    io.stdout(
      JSON.stringify(
        {
          programs: index.programs,
          chrome: { versionMajor: index.chromeVersionMajor, ...chrome },
          uniqueRoots: index.roots.length,
          verdictStores: stores,
        },
        null,
        2,
      ) + '\n',
    );
    return exitCodes.ok;
  }
  const rows = index.programs.map((program) => [
    program.id,
    program.name,
    program.version?.split(',')[0] ?? '',
    dateText(program),
    String(program.trusted),
    program.blocked ? String(program.blocked) : '',
  ]);
  io.stdout(`Root programs shipped with Certscope (${index.roots.length} unique roots):\n\n`);
  io.stdout(table([['id', 'program', 'version', 'fetched', 'trusted', 'blocked'], ...rows]));
  io.stdout(
    `\nChrome Root Store ${index.chromeVersionMajor}: ${chrome.constrained} anchors with constraints, ${chrome.ev} with EV policy OIDs.\n` +
      `Blocked lists: ${blockedOnly} entries (Microsoft's disallowed roots, Java's blocked certificates).\n` +
      '\nThe default verdict uses these stores (the programs above are for per-client answers and facts):\n',
  );
  for (const store of stores)
    io.stdout(
      `  ${store.name.padEnd(7)} ${String(store.roots).padStart(4)} roots — ${storeMeaning[store.name] ?? store.name}; ` +
        `${store.inMozilla} in Mozilla NSS (${store.mozillaFetched ?? 'undated'}), ${store.inAnyProgram} in some program\n`,
    );
  io.stdout(
    '\n`certscope stores --root <SHA-256|file>` shows one root; docs/root-programs.md says where the data comes from.\n',
  );
  return exitCodes.ok;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map(
      (row) =>
        row
          .map((cell, column) => cell.padEnd(widths[column]))
          .join('  ')
          .trimEnd() + '\n',
    )
    .join('');
}

/** A `--root` argument's certificates: a SHA-256 as given, or every certificate in a file. */
async function resolveRoot(text: string, io: CliIo): Promise<{ sha256: string; from: string }[]> {
  const hex = text.replace(/:/g, '').toLowerCase();
  if (/^[0-9a-f]{64}$/.test(hex)) return [{ sha256: hex, from: text }];
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `--root ${text}: ${code === 'ENOENT' ? 'neither a SHA-256 nor a file' : (error as Error).message}`,
    );
  }
  const contents = await readVerifyFile(text, bytes);
  for (const problem of contents.errors) io.stderr(`certscope: ${problem}\n`);
  if (contents.certificates.length === 0) throw new UsageError(`--root ${text}: no certificate in it`);
  return contents.certificates.map((der) => ({ sha256: sha256Hex(der), from: text }));
}

function membershipLines(index: RootProgramIndex, facts: RootFacts): string[] {
  return index.programs.map((program) => {
    const label = `${programLabel(program)}${program.fetched ? `, as of ${program.fetched}` : ''}`;
    const blocked = facts.blockedBy.includes(program.id);
    const trusted = facts.trustedBy.includes(program.id);
    let state = blocked ? 'BLOCKED (explicitly distrusted)' : trusted ? 'included' : 'not included';
    if (blocked && trusted) state = 'included, and on its blocked list';
    const extra: string[] = [];
    if (program.id === 'chrome' && facts.chrome) {
      extra.push(...facts.chrome.constraints.map(describeChromeConstraintSet));
      if (facts.chrome.evPolicyOids.length) extra.push(`EV policy ${facts.chrome.evPolicyOids.join(', ')}`);
    }
    if (program.id === 'chrome' && facts.chromeAdditional)
      extra.push(
        facts.chromeAdditional.tlsTrustAnchor
          ? 'shipped as an additional TLS trust anchor (trust anchor IDs)'
          : 'shipped as an additional certificate (EU-qualified)',
      );
    return `  ${(label + ':').padEnd(44)} ${state}${extra.length ? ` — ${extra.join('; ')}` : ''}`;
  });
}

async function showRoots(
  index: RootProgramIndex,
  given: string[],
  json: boolean,
  io: CliIo,
): Promise<number> {
  const wanted = (await Promise.all(given.map((text) => resolveRoot(text, io)))).flat();
  const stores = await loadTrustStores();
  const storeHashes = stores.map((store) => ({
    name: store.name,
    hashes: new Set(store.certificates.map(sha256Hex)),
  }));
  let unlisted = 0;
  const results = wanted.map(({ sha256, from }) => {
    const facts = index.factsFor(sha256);
    if (facts.trustedBy.length === 0) unlisted++;
    const sameKey = facts.certificate
      ? index.bySpkiSha256(facts.certificate.spkiSha256).filter((root) => root.sha256 !== sha256)
      : [];
    return {
      from,
      facts,
      sameKey,
      machineStores: storeHashes.filter((store) => store.hashes.has(sha256)).map((store) => store.name),
    };
  });
  if (json) {
    io.stdout(
      JSON.stringify(
        results.map(({ from, facts, sameKey, machineStores }) => ({
          from,
          ...facts,
          sameKey: sameKey.map((root) => ({ sha256: root.sha256, trustedBy: root.trustedBy })),
          machineStores,
        })),
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const { from, facts, sameKey, machineStores } of results) {
      io.stdout(`${facts.certificate?.name ?? '(a certificate no program ships)'}  [${from}]\n`);
      if (facts.certificate)
        io.stdout(
          `  subject   ${facts.certificate.subject}\n  valid     ${facts.certificate.notBefore.toISOString().slice(0, 10)} to ${facts.certificate.notAfter.toISOString().slice(0, 10)}\n`,
        );
      io.stdout(`  SHA-256   ${facts.sha256}\n`);
      io.stdout(membershipLines(index, facts).join('\n') + '\n');
      io.stdout(
        `  This machine's verdict stores: ${machineStores.length ? machineStores.join(', ') : 'none'}\n`,
      );
      for (const root of sameKey)
        io.stdout(
          `  Same key as ${root.certificate?.name} (${root.sha256.slice(0, 16)}…), trusted by ${root.trustedBy.join(', ') || 'no program'}\n`,
        );
      io.stdout(
        "  Inclusion dates are not in the programs' published lists; each list is as of its fetch date.\n\n",
      );
    }
  }
  return unlisted ? exitCodes.problems : exitCodes.ok;
}

async function listProgram(
  index: RootProgramIndex,
  id: RootProgramId,
  pem: boolean,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const program = index.program(id);
  const roots = index.roots.filter((root) => root.trustedBy.includes(id));
  if (pem) {
    const certificates = await loadRootProgramCertificates();
    const store = certificates.anchors(id);
    io.stdout(
      store.certificates
        .map((der, at) => {
          const body = Buffer.from(der)
            .toString('base64')
            .replace(/(.{64})/g, '$1\n')
            .trimEnd();
          return `# ${roots[at].certificate?.name}\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
        })
        .join(''),
    );
    return exitCodes.ok;
  }
  if (json) {
    io.stdout(JSON.stringify({ program, roots, blocked: index.blockedBy(id) }, null, 2) + '\n');
    return exitCodes.ok;
  }
  io.stdout(
    `${program.name}${program.version ? ` ${program.version}` : ''} — ${program.fetched ? `fetched ${program.fetched}` : 'fetch date not recorded'} from ${program.source}\n`,
  );
  io.stdout(
    `Used by: ${program.usedBy}. ${program.trusted} roots trusted${program.blocked ? `, ${program.blocked} blocked` : ''}.\n\n`,
  );
  for (const root of roots) {
    const notes = [
      ...(root.chrome && id === 'chrome' ? root.chrome.constraints.map(describeChromeConstraintSet) : []),
      ...(root.chrome && id === 'chrome' && root.chrome.evPolicyOids.length ? ['EV'] : []),
      ...(root.blockedBy.includes(id) ? ['also on its blocked list'] : []),
    ];
    io.stdout(
      `  ${root.sha256.slice(0, 16)}…  ${root.certificate?.name ?? ''}${notes.length ? `  (${notes.join('; ')})` : ''}\n`,
    );
  }
  if (program.blocked)
    io.stdout(
      `\nBlocked (explicitly distrusted), by SHA-256:\n${index
        .blockedBy(id)
        .map((sha) => `  ${sha}\n`)
        .join('')}`,
    );
  return exitCodes.ok;
}

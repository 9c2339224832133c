/** `certscope inspect <target>`: the captured chain in wire order and the handshake. */
import { bytesToBase64 } from '../../../src-core/bytes/base64';
import { readCertificate } from '../../../src-core/x509/certificate';
import {
  describeAcceptableCas,
  describeClientCertificate,
  describeMissingFamily,
  describeStapledOcsp,
  probeResultFromFailure,
} from '../../../src-core/tls/describe';
import {
  signatureFamilyNames,
  type FamilyProbe,
  type ProbeFailure,
  type ProbeRequest,
  type ProbeResult,
  type StarttlsProtocol,
} from '../../../src-core/tls/types';
import { parseTarget } from '../../../src-core/tls/target';
import { probe, ProbeError } from '../../services/probe';
import { probeEveryFamily } from '../../services/probe/every-certificate';
import { sha256Hex } from '../../services/trust/user-trust';
import { exitCodes, parseArgs, processIo, readOptionFile, UsageError, type CliIo } from '../io';
import { passwordOptions, readPasswordOption } from '../passwords';
import { probeVerifyInput, verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import {
  chosenVerdict,
  clientOptionNames,
  clientOptionsHelp,
  clientVerdictsFor,
  printClients,
  readClientOptions,
} from '../clients';
import type { VerifyResult } from '../../../src-core/verify';
import {
  exitCodeFor,
  printVerdict,
  readTrustOptions,
  trustOptionNames,
  trustOptionsHelp,
  writeReportFile,
  type TrustOptions,
} from '../verdict';
import { buildReport, reportToJson } from '../../../src-core/report/report';
import { renderHtml } from '../../../src-core/report/html';
import { renderMarkdown } from '../../../src-core/report/markdown';
import { fixedChainCertificates, pemBundle } from '../../../src-core/report/certificates';
import { readAppVersion } from '../../services/app-info';

export const inspectHelp = `Usage: certscope inspect <target> [options]

Connects to a TLS server and shows the certificates exactly as it sent them, and the handshake.
<target> is host, host:port, a URL (https://, smtp://, imap://, …), [v6]:port or an IP address.
  --port N              port (overrides the target's)
  --sni NAME            send this SNI name (also the XMPP domain, unless --xmpp-domain)
  --no-sni              send none
  --address IP          connect to this address of the name
  --all-addresses       probe every A/AAAA address of the name (load balancers often differ)
  --all-certificates    every certificate the server has: one more handshake per signature
                        algorithm family (ECDSA, RSA, EdDSA), each chain shown and verified
  --starttls PROTO      smtp, imap, pop3, ftp, xmpp, ldap or postgres
  --xmpp-domain NAME    XMPP: the domain the stream is opened to (default: the SNI name, else the
                        target's host)
  --client-cert FILE    PEM client certificate   --client-key FILE   its PEM private key
  --client-p12 FILE     PKCS#12 client certificate and key; its password: --client-p12-password
                        alone asks for it (no echo), or set CERTSCOPE_P12_PASSWORD
  --timeout S           overall deadline in seconds (default 20)
${trustOptionsHelp}
${clientOptionsHelp}
  --json                the report as JSON (schema: resources/report.schema.json)
  --html FILE           write the report as one self-contained HTML page
  --markdown FILE       write the report as Markdown
  --pdf FILE            write the HTML report printed to PDF by Chromium (where Chromium is installed)
  --save-chain FILE     write the certificates as the server sent them (PEM)
  --save-fixed-chain FILE  write the leaf and the intermediates it needs, in order (PEM) — what
                        the server should send
  --with-root           with --save-fixed-chain: add the root the chain reached, last
  --force               overwrite report files that exist
A handshake the server ended after sending its certificates (e.g. it requires a client
certificate) is reported like any other — chain, handshake, verdict, report files — with the
failure named; its exit code is then at least 1.
Exit codes: 0 the chosen client (default chrome) trusts it, 1 it doesn't or the handshake was
incomplete, 2 usage, input or network errors.`;

const starttlsProtocols = ['smtp', 'imap', 'pop3', 'ftp', 'xmpp', 'ldap', 'postgres'];

export async function runInspect(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    values: [
      'port',
      'sni',
      'address',
      'starttls',
      'xmpp-domain',
      'client-cert',
      'client-key',
      'client-p12',
      'timeout',
      'html',
      'markdown',
      'pdf',
      'save-chain',
      'save-fixed-chain',
      ...trustOptionNames.values,
      ...clientOptionNames.values,
    ],
    booleans: [
      'json',
      'no-sni',
      'help',
      'all-addresses',
      'all-certificates',
      'force',
      'with-root',
      ...trustOptionNames.booleans,
    ],
    repeatable: trustOptionNames.repeatable,
    optionalValues: ['client-p12-password', ...trustOptionNames.optionalValues],
  });
  if (args.flags.has('help')) {
    io.stdout(inspectHelp + '\n');
    return exitCodes.ok;
  }
  if (args.positionals.length !== 1) throw new UsageError('give exactly one target');
  const choice = readClientOptions(args);
  if (args.flags.has('with-root') && !args.flags.has('save-fixed-chain'))
    throw new UsageError('--with-root goes with --save-fixed-chain');
  if (args.flags.has('all-addresses') && args.flags.has('all-certificates'))
    throw new UsageError('--all-addresses and --all-certificates go one at a time');
  const request: ProbeRequest = { target: args.positionals[0] };
  const flag = (name: string) => {
    const value = args.flags.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const port = flag('port');
  if (port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
      throw new UsageError(`--port ${port} is not a port number`);
    request.port = Number(port);
  }
  if (args.flags.has('no-sni')) request.sni = null;
  else if (flag('sni')) request.sni = flag('sni');
  if (flag('address')) request.address = flag('address');
  const starttls = flag('starttls');
  if (starttls) {
    if (!starttlsProtocols.includes(starttls))
      throw new UsageError(`--starttls must be one of ${starttlsProtocols.join(', ')}`);
    request.starttls = starttls as StarttlsProtocol;
  }
  const xmppDomain = flag('xmpp-domain');
  if (xmppDomain) request.xmppDomain = xmppDomain;
  const timeout = flag('timeout');
  if (timeout) {
    if (!(Number(timeout) > 0)) throw new UsageError(`--timeout ${timeout} is not a number of seconds`);
    request.deadlineMs = Math.round(Number(timeout) * 1000);
  }
  const p12File = flag('client-p12');
  if (p12File) {
    request.clientCertificate = {
      pkcs12: await readOptionFile(io, 'client-p12', p12File),
      password: (await readPasswordOption(args, io, passwordOptions.clientP12)) ?? '',
    };
  }
  const certFile = flag('client-cert');
  const keyFile = flag('client-key');
  if (Boolean(certFile) !== Boolean(keyFile))
    throw new UsageError('--client-cert and --client-key go together');
  if (certFile && keyFile) {
    const decoder = new TextDecoder();
    request.clientCertificate = {
      certificatePem: decoder.decode(await readOptionFile(io, 'client-cert', certFile)),
      privateKeyPem: decoder.decode(await readOptionFile(io, 'client-key', keyFile)),
    };
  }

  const trust = await readTrustOptions(args, io);
  if (trust.proxy) request.proxy = trust.proxy;
  if (args.flags.has('all-addresses')) return inspectAllAddresses(request, args.flags.has('json'), io, trust);
  let result: ProbeResult;
  let failure: ProbeFailure | undefined;
  try {
    result = await probe(request);
  } catch (error) {
    const message = error instanceof ProbeError ? `${error.message} [${error.code}]` : String(error);
    io.stderr(`certscope: ${request.target}: ${message}\n`);
    // The server sent its chain before it ended the handshake: that is still worth a report.
    const partial = error instanceof ProbeError ? probeResultFromFailure(error) : undefined;
    if (!partial) return p12Hint(request, error, io);
    result = partial;
    failure = { code: (error as ProbeError).code, message: (error as ProbeError).message };
    if ((error as ProbeError).partial?.alert)
      failure.partial = { alert: (error as ProbeError).partial?.alert };
  }
  const families = args.flags.has('all-certificates')
    ? await verifyFamilies(await probeEveryFamily(request), trust)
    : undefined;
  const presented = result.presented.map((der, index) => {
    let subject = '(unreadable)';
    let issuer = '';
    try {
      const certificate = readCertificate(der);
      subject = certificate.subject;
      issuer = certificate.issuer;
    } catch {
      // shown as unreadable; the bytes are still reported
    }
    return { index, sha256: sha256Hex(der), subject, issuer, der: bytesToBase64(der) };
  });
  const probeTrust = trust.forProbe(result);
  const verdict = await verifyProbeResult(result, probeTrust);
  const clientInput = verdict ? probeVerifyInput(result, probeTrust) : undefined;
  const clients = clientInput
    ? await clientVerdictsFor(clientInput, choice, result.handshake.version)
    : undefined;
  let exitCode: number = clients
    ? chosenVerdict(clients).trusted
      ? exitCodes.ok
      : exitCodes.problems
    : exitCodes.problems;
  if (failure) exitCode = Math.max(exitCode, exitCodes.problems);
  if (verdict) {
    const report = await buildReport({
      verify: verdict,
      presented: result.presented,
      presentedSource: result.presentedSource,
      probe: result,
      trustStores: trust.anchors,
      toolVersion: readAppVersion(),
      ...(failure ? { failure } : {}),
      ...(families ? { families } : {}),
      ...(clients ? { clients } : {}),
    });
    const write = (path: string, content: string | Uint8Array) =>
      writeReportFile(path, content, args.flags.has('force'), io.writeFs);
    const html = flag('html');
    const markdown = flag('markdown');
    if (html) await write(html, renderHtml(report));
    if (markdown) await write(markdown, renderMarkdown(report));
    const pdf = flag('pdf');
    if (pdf) {
      const { htmlToPdf } = await import('../../services/report/pdf');
      await write(pdf, await htmlToPdf(renderHtml(report)));
    }
    const saveChain = flag('save-chain');
    const saveFixed = flag('save-fixed-chain');
    if (saveChain) await write(saveChain, pemBundle(result.presented));
    if (saveFixed)
      await write(saveFixed, pemBundle(fixedChainCertificates(verdict, args.flags.has('with-root'))));
    if (args.flags.has('json')) {
      io.stdout(reportToJson(report) + '\n');
      return exitCode;
    }
  } else if (args.flags.has('json')) {
    io.stdout(
      JSON.stringify({ target: result.target, presented, trusted: false, findings: [] }, null, 2) + '\n',
    );
    return exitCode;
  }
  const { target, handshake } = result;
  if (failure) io.stdout(`The handshake did not complete: ${failure.message}\n\n`);
  io.stdout(`${target.host}:${target.port} (${target.address}, SNI ${target.sni ?? 'none'})\n`);
  io.stdout(
    `${handshake.version}, ${handshake.cipherSuite}${handshake.group ? `, ${handshake.group}` : ''}${handshake.alpn ? `, ALPN ${handshake.alpn}` : ''}\n`,
  );
  const ocsp = describeStapledOcsp(handshake);
  io.stdout(`Stapled OCSP response: ${ocsp ?? 'none'}\n`);
  const client = describeClientCertificate(handshake);
  if (client) {
    io.stdout(`Client certificate: ${client}\n`);
    io.stdout(
      `  acceptable CAs:\n${describeAcceptableCas(handshake)
        .map((name) => `    ${name}\n`)
        .join('')}`,
    );
  }
  io.stdout(
    `\nCertificates as sent (${presented.length}, wire order${result.presentedSource === 'relinked' ? ' NOT captured: re-linked by the TLS library' : ''}):\n`,
  );
  for (const certificate of presented) {
    io.stdout(
      `  #${certificate.index + 1} ${certificate.subject}\n      issuer ${certificate.issuer}\n      sha256 ${certificate.sha256}\n`,
    );
  }
  io.stdout('\nHandshake:\n');
  for (const message of handshake.messages) {
    const arrow = message.direction === 'client' ? '→' : '←';
    const facts = message.facts.map((fact) => `${fact.label}: ${fact.value}`).join('; ');
    io.stdout(
      `  ${arrow} ${message.name}${message.encrypted ? ' (encrypted)' : ''}${message.size ? ` ${message.size} B` : ''}${facts ? `  ${facts}` : ''}\n`,
    );
  }
  if (families) printFamilies(io, families);
  for (const note of result.notes) io.stdout(`\nNote: ${note}\n`);
  if (clients) printClients(io, clients, choice.shown.length > 0);
  if (verdict) printVerdict(io, verdict);
  else io.stdout('\nNOT TRUSTED — the server sent no certificate\n');
  return exitCode;
}

/** A PKCS#12 that needs a password: say which option gives it. */
function p12Hint(request: ProbeRequest, error: unknown, io: CliIo): number {
  if (
    error instanceof ProbeError &&
    error.code === 'client-certificate' &&
    request.clientCertificate &&
    'pkcs12' in request.clientCertificate &&
    request.clientCertificate.password === ''
  )
    io.stderr('  give it with --client-p12-password or the CERTSCOPE_P12_PASSWORD environment variable\n');
  return exitCodes.usage;
}

interface VerifiedFamily {
  probe: FamilyProbe;
  verify?: VerifyResult;
}

async function verifyFamilies(probes: FamilyProbe[], trust: TrustOptions): Promise<VerifiedFamily[]> {
  return Promise.all(
    probes.map(async (familyProbe) => ({
      probe: familyProbe,
      ...(familyProbe.result ? { verify: await verifyProbeResult(familyProbe.result, trust) } : {}),
    })),
  );
}

function printFamilies(io: CliIo, families: VerifiedFamily[]): void {
  io.stdout('\nEvery certificate the server has (one handshake per signature algorithm family):\n');
  const leaves = new Map<string, string[]>();
  for (const { probe: familyProbe, verify } of families) {
    const name = signatureFamilyNames[familyProbe.family];
    const result = familyProbe.result;
    if (!result) {
      io.stdout(`  ${name.padEnd(6)} ${describeMissingFamily(name, familyProbe.failure)}\n`);
      continue;
    }
    const errors =
      verify?.findings.filter((item) => item.severity === 'error').map((item) => item.code) ?? [];
    io.stdout(
      `  ${name.padEnd(6)} ${result.handshake.version}, ${result.handshake.cipherSuite}: ${result.presented.length} certificate${result.presented.length === 1 ? '' : 's'}, ${verify?.trusted ? 'TRUSTED' : `NOT TRUSTED${errors.length ? ` (${errors.join(', ')})` : ''}`}\n`,
    );
    for (const [index, der] of result.presented.entries()) {
      let subject = '(unreadable)';
      try {
        subject = readCertificate(der).subject;
      } catch {
        // the fingerprint still identifies it
      }
      io.stdout(`      #${index + 1} ${subject}\n         sha256 ${sha256Hex(der)}\n`);
    }
    if (result.presented[0]) {
      const leaf = sha256Hex(result.presented[0]);
      leaves.set(leaf, [...(leaves.get(leaf) ?? []), name]);
    }
  }
  io.stdout(
    leaves.size > 1
      ? `  The server has ${leaves.size} different certificates: ${[...leaves.values()].map((names) => names.join(' and ')).join('; ')}.\n`
      : leaves.size === 1
        ? `  The server has one certificate (${[...leaves.values()][0].join(', ')}).\n`
        : '  No handshake succeeded.\n',
  );
}

/** Probes every address of the name and says whether those that answered present the same chain. */
async function inspectAllAddresses(
  request: ProbeRequest,
  json: boolean,
  io: CliIo,
  trust: TrustOptions,
): Promise<number> {
  let addresses: string[];
  try {
    const target = parseTarget(request.target);
    addresses = target.isIp
      ? [target.asciiHost]
      : await (io.resolveAll ?? processIo.resolveAll ?? (() => Promise.resolve([])))(target.asciiHost);
  } catch (error) {
    io.stderr(`certscope: ${request.target}: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.usage;
  }
  const reports: { address: string; trusted?: boolean; chain?: string[]; error?: string }[] = [];
  let worst: number = exitCodes.ok;
  for (const address of addresses) {
    try {
      const result = await probe({ ...request, address });
      const verdict = await verifyProbeResult(result, trust.forProbe(result));
      const code = verdict ? exitCodeFor(verdict) : exitCodes.problems;
      worst = Math.max(worst, code);
      reports.push({ address, trusted: verdict?.trusted ?? false, chain: result.presented.map(sha256Hex) });
    } catch (error) {
      worst = exitCodes.usage;
      reports.push({
        address,
        error: error instanceof ProbeError ? `${error.message} [${error.code}]` : String(error),
      });
    }
  }
  const answered = reports.filter((report) => report.chain);
  const failed = reports.filter((report) => !report.chain);
  const distinct = new Set(answered.map((report) => report.chain?.join(',')));
  // "The same everywhere" only when every address answered: a failed one may present anything.
  const sameChainEverywhere = failed.length === 0 && answered.length > 0 && distinct.size === 1;
  if (json) {
    io.stdout(
      JSON.stringify(
        {
          target: request.target,
          addresses: reports,
          answered: answered.length,
          failed: failed.length,
          sameChainEverywhere,
          sameChainAmongAnswered: answered.length > 0 && distinct.size === 1,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const report of reports) {
      io.stdout(
        `${report.address.padEnd(40)} ${report.error ?? `${report.trusted ? 'TRUSTED' : 'NOT TRUSTED'}, ${report.chain?.length} certificates, leaf ${report.chain?.[0]?.slice(0, 16)}`}\n`,
      );
    }
    io.stdout(`\n${allAddressesSummary(answered.length, failed.length, distinct.size)}\n`);
  }
  return worst;
}

function allAddressesSummary(answered: number, failed: number, distinctChains: number): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 'es'}`;
  if (answered === 0) return `No address answered (${plural(failed, 'address')} failed).`;
  if (failed === 0)
    return distinctChains === 1
      ? 'Every address presents the same chain.'
      : `The addresses present ${distinctChains} different chains.`;
  const those = `${plural(failed, 'address')} failed, so not every address could be compared`;
  if (answered === 1) return `Only one address answered; ${those}.`;
  return distinctChains === 1
    ? `The ${answered} addresses that answered present the same chain; ${those}.`
    : `The ${answered} addresses that answered present ${distinctChains} different chains; ${those}.`;
}

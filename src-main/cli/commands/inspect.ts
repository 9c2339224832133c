/** `certscope inspect <target>`: the captured chain in wire order and the handshake. */
import { bytesToBase64 } from '../../../src-core/bytes/base64';
import { readCertificate } from '../../../src-core/x509/certificate';
import type { ProbeRequest, StarttlsProtocol } from '../../../src-core/tls/types';
import { lookup } from 'node:dns/promises';
import { parseTarget } from '../../../src-core/tls/target';
import { probe, ProbeError } from '../../services/probe';
import { sha256Hex } from '../../services/trust/user-trust';
import { exitCodes, parseArgs, UsageError, type CliIo } from '../io';
import { verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import {
  exitCodeFor,
  printVerdict,
  readTrustOptions,
  trustOptionNames,
  trustOptionsHelp,
  writeReportFile,
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
  --sni NAME            send this SNI name       --no-sni   send none
  --address IP          connect to this address of the name
  --all-addresses       probe every A/AAAA address of the name (load balancers often differ)
  --starttls PROTO      smtp, imap, pop3, ftp, xmpp, ldap or postgres
  --client-cert FILE    PEM client certificate   --client-key FILE   its PEM private key
  --client-p12 FILE     PKCS#12 client certificate and key (password: --client-p12-password or the
                        CERTSCOPE_P12_PASSWORD environment variable)
  --timeout S           overall deadline in seconds (default 20)
${trustOptionsHelp}
  --json                the report as JSON (schema: resources/report.schema.json)
  --html FILE           write the report as one self-contained HTML page
  --markdown FILE       write the report as Markdown
  --pdf FILE            write the HTML report printed to PDF by Chromium (where Chromium is installed)
  --save-chain FILE     write the certificates as the server sent them (PEM)
  --save-fixed-chain FILE  write the leaf and the intermediates it needs, in order (PEM) — what
                        the server should send
  --with-root           with --save-fixed-chain: add the root the chain reached, last
  --force               overwrite report files that exist
Exit codes: 0 trusted with no error findings, 1 not trusted or error findings, 2 usage, input or network errors.`;

const starttlsProtocols = ['smtp', 'imap', 'pop3', 'ftp', 'xmpp', 'ldap', 'postgres'];

export async function runInspect(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    values: [
      'port',
      'sni',
      'address',
      'starttls',
      'client-cert',
      'client-key',
      'client-p12',
      'client-p12-password',
      'timeout',
      'html',
      'markdown',
      'pdf',
      'save-chain',
      'save-fixed-chain',
      ...trustOptionNames.values,
    ],
    booleans: ['json', 'no-sni', 'help', 'all-addresses', 'force', 'with-root', ...trustOptionNames.booleans],
    repeatable: trustOptionNames.repeatable,
  });
  if (args.flags.has('help')) {
    io.stdout(inspectHelp + '\n');
    return exitCodes.ok;
  }
  if (args.positionals.length !== 1) throw new UsageError('give exactly one target');
  if (args.flags.has('with-root') && !args.flags.has('save-fixed-chain'))
    throw new UsageError('--with-root goes with --save-fixed-chain');
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
  const timeout = flag('timeout');
  if (timeout) {
    if (!(Number(timeout) > 0)) throw new UsageError(`--timeout ${timeout} is not a number of seconds`);
    request.deadlineMs = Math.round(Number(timeout) * 1000);
  }
  const p12File = flag('client-p12');
  if (p12File) {
    request.clientCertificate = {
      pkcs12: await io.readFile(p12File),
      password: flag('client-p12-password') ?? process.env.CERTSCOPE_P12_PASSWORD ?? '',
    };
  }
  const certFile = flag('client-cert');
  const keyFile = flag('client-key');
  if (Boolean(certFile) !== Boolean(keyFile))
    throw new UsageError('--client-cert and --client-key go together');
  if (certFile && keyFile) {
    const decoder = new TextDecoder();
    request.clientCertificate = {
      certificatePem: decoder.decode(await io.readFile(certFile)),
      privateKeyPem: decoder.decode(await io.readFile(keyFile)),
    };
  }

  const trust = await readTrustOptions(args, io);
  if (trust.proxy) request.proxy = trust.proxy;
  if (args.flags.has('all-addresses')) return inspectAllAddresses(request, args.flags.has('json'), io, trust);
  let result;
  try {
    result = await probe(request);
  } catch (error) {
    const message = error instanceof ProbeError ? `${error.message} [${error.code}]` : String(error);
    io.stderr(`certscope: ${request.target}: ${message}\n`);
    return exitCodes.usage;
  }
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
  const verdict = await verifyProbeResult(result, trust);
  const exitCode = verdict ? exitCodeFor(verdict) : exitCodes.problems;
  if (verdict) {
    const report = await buildReport({
      verify: verdict,
      presented: result.presented,
      presentedSource: result.presentedSource,
      probe: result,
      trustStores: trust.anchors,
      toolVersion: readAppVersion(),
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
  io.stdout(`${target.host}:${target.port} (${target.address}, SNI ${target.sni ?? 'none'})\n`);
  io.stdout(
    `${handshake.version}, ${handshake.cipherSuite}${handshake.group ? `, ${handshake.group}` : ''}${handshake.alpn ? `, ALPN ${handshake.alpn}` : ''}\n\n`,
  );
  io.stdout(
    `Certificates as sent (${presented.length}, wire order${result.presentedSource === 'relinked' ? ' NOT captured: re-linked by the TLS library' : ''}):\n`,
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
  for (const note of result.notes) io.stdout(`\nNote: ${note}\n`);
  if (verdict) printVerdict(io, verdict);
  else io.stdout('\nNOT TRUSTED — the server sent no certificate\n');
  return exitCode;
}

/** Probes every address of the name and says whether they all present the same chain. */
async function inspectAllAddresses(
  request: ProbeRequest,
  json: boolean,
  io: CliIo,
  trust: Awaited<ReturnType<typeof readTrustOptions>>,
): Promise<number> {
  let addresses: string[];
  try {
    const target = parseTarget(request.target);
    addresses = target.isIp
      ? [target.asciiHost]
      : (await lookup(target.asciiHost, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch (error) {
    io.stderr(`certscope: ${request.target}: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.usage;
  }
  const reports: { address: string; trusted?: boolean; chain?: string[]; error?: string }[] = [];
  let worst: number = exitCodes.ok;
  for (const address of addresses) {
    try {
      const result = await probe({ ...request, address });
      const verdict = await verifyProbeResult(result, trust);
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
  const distinct = new Set(reports.filter((report) => report.chain).map((report) => report.chain?.join(',')));
  if (json) {
    io.stdout(
      JSON.stringify(
        { target: request.target, addresses: reports, sameChainEverywhere: distinct.size <= 1 },
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
    io.stdout(
      distinct.size <= 1
        ? '\nEvery address presents the same chain.\n'
        : `\nThe addresses present ${distinct.size} different chains.\n`,
    );
  }
  return worst;
}

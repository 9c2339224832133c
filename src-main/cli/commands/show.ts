/** `certscope show <files…>`: every object in the files, as a readable summary or JSON. */
import { bytesToBase64 } from '../../../src-core/bytes/base64';
import {
  decodeInput,
  type DecodedCertificate,
  type DecodedOther,
  type DecodeResult,
} from '../../../src-core/inspect/decode-input';
import { describeExtensions } from '../../../src-core/x509/extensions/registry';
import { linkKeys } from '../../../src-core/pkcs/keys';
import { generalNameText } from '../../../src-core/x509/general-name';
import {
  extensionJson,
  publicKeyText,
  signatureAlgorithmText,
  type JsonNode,
} from '../../../src-core/x509/format';
import type { RawExtension } from '../../../src-core/x509/model';
import { exitCodes, parseArgs, UsageError, type CliIo } from '../io';
import { passwordOptions, readPasswordOption } from '../passwords';

export const showHelp = `Usage: certscope show <files…> [--password] [--json]

Shows every object in the given files, whatever their names: certificates (PEM with any number of
blocks, DER, bare base64, PKCS#7 bundles, PKCS#12 files), certificate requests, CRLs and private
keys (only what they are and which certificate they belong to; key material is never shown).
  --password    ask for the password of PKCS#12 files and encrypted private keys (no echo; or
                set CERTSCOPE_PASSWORD; --password=P works too, but other users can see it)
  --json        one JSON array with an object per item (kind: certificate, csr, crl or key)
Exit codes: 0 all inputs read, 1 some inputs rejected (each reported on stderr), 2 usage.`;

type Item = Record<string, unknown>;

export async function runShow(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: [], optionalValues: ['password'], booleans: ['json', 'help'] });
  if (args.flags.has('help')) {
    io.stdout(showHelp + '\n');
    return exitCodes.ok;
  }
  if (args.positionals.length === 0) throw new UsageError('give at least one file');
  const password = await readPasswordOption(args, io, passwordOptions.files);
  let rejected = 0;
  const results: { path: string; result: DecodeResult }[] = [];
  for (const path of args.positionals) {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch (error) {
      rejected++;
      io.stderr(
        `certscope: ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}\n`,
      );
      continue;
    }
    const result = await decodeInput({
      name: path,
      bytes,
      ...(typeof password === 'string' ? { password } : {}),
    });
    for (const problem of result.errors) {
      rejected++;
      const hint =
        problem.code === 'password-required'
          ? ' (give --password to be asked for it, or set CERTSCOPE_PASSWORD)'
          : '';
      io.stderr(`certscope: ${problem.message}${hint}\n`);
    }
    results.push({ path, result });
  }
  // A key in one file may belong to a certificate in another.
  linkKeys(
    results.flatMap(({ result }) => result.others),
    results.flatMap(({ result }) => result.items),
  );
  const items = results.flatMap(({ path, result }) => [
    ...result.items.map((certificate) => certificateItem(path, certificate)),
    ...result.others.map((other) => otherItem(path, other)),
  ]);
  if (args.flags.has('json')) io.stdout(JSON.stringify(items, null, 2) + '\n');
  else for (const item of items) io.stdout(itemText(item) + '\n');
  return rejected ? exitCodes.problems : exitCodes.ok;
}

const extensionsJson = (extensions: RawExtension[]) => describeExtensions(extensions).map(extensionJson);

function certificateItem(file: string, certificate: DecodedCertificate): Item {
  return {
    kind: 'certificate',
    file,
    ...(certificate.friendlyName ? { friendlyName: certificate.friendlyName } : {}),
    sha256: certificate.fingerprints.sha256,
    sha1: certificate.fingerprints.sha1,
    spkiSha256: certificate.fingerprints.spkiSha256,
    subject: certificate.subject,
    issuer: certificate.issuer,
    serial: certificate.serialHex,
    version: certificate.version,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    sans: certificate.subjectAltNames,
    publicKey: certificate.publicKey,
    signatureAlgorithm: certificate.signatureAlgorithm,
    isCa: certificate.isCa,
    ...(certificate.validationLevel ? { validationLevel: certificate.validationLevel } : {}),
    ...(certificate.nonStrictDer.length ? { nonStrictDer: certificate.nonStrictDer } : {}),
    ...(certificate.problems ? { problems: certificate.problems } : {}),
    extensions: extensionsJson(certificate.extensions),
    der: bytesToBase64(certificate.der),
  };
}

function otherItem(file: string, other: DecodedOther): Item {
  switch (other.kind) {
    case 'csr':
      return {
        kind: 'csr',
        file,
        subject: other.subject,
        publicKey: other.publicKey,
        signatureAlgorithm: other.signatureAlgorithm,
        signature: other.signature,
        ...(other.problems ? { problems: other.problems } : {}),
        extensions: extensionsJson(other.extensions),
        attributes: other.attributes,
      };
    case 'crl':
      return {
        kind: 'crl',
        file,
        issuer: other.issuer,
        version: other.version,
        thisUpdate: other.thisUpdate.toISOString(),
        ...(other.nextUpdate ? { nextUpdate: other.nextUpdate.toISOString() } : {}),
        ...(other.crlNumber ? { crlNumber: other.crlNumber } : {}),
        ...(other.deltaOf ? { deltaOf: other.deltaOf } : {}),
        signatureAlgorithm: other.signatureAlgorithm,
        entries: other.entries.map((entry) => ({
          serial: entry.serialHex,
          revocationDate: entry.revocationDate.toISOString(),
          ...(entry.reason ? { reason: entry.reason } : {}),
          ...(entry.invalidityDate ? { invalidityDate: entry.invalidityDate.toISOString() } : {}),
          ...(entry.certificateIssuer
            ? { certificateIssuer: entry.certificateIssuer.map(generalNameText) }
            : {}),
          ...(entry.problems ? { problems: entry.problems } : {}),
        })),
        ...(other.problems ? { problems: other.problems } : {}),
        extensions: extensionsJson(other.extensions),
      };
    case 'key': {
      // Only facts about the key; its material never reached this far.
      const { kind, publicKeyId: _publicKeyId, ...facts } = other;
      return { kind, file, ...facts };
    }
  }
}

function itemText(item: Item): string {
  const lines = [`${item.file} — ${item.kind}${item.friendlyName ? ` "${String(item.friendlyName)}"` : ''}`];
  const row = (label: string, value: unknown) => {
    if (value !== undefined && value !== '') lines.push(`  ${label.padEnd(10)}${String(value)}`);
  };
  if (item.kind === 'certificate' || item.kind === 'csr') {
    row('subject', item.subject);
    row('issuer', item.issuer);
    row('serial', item.serial);
    if (item.notBefore) row('valid', `${String(item.notBefore)} → ${String(item.notAfter)}`);
    row('key', publicKeyText(item.publicKey as DecodedCertificate['publicKey']));
    row(
      'signature',
      signatureAlgorithmText(item.signatureAlgorithm as DecodedCertificate['signatureAlgorithm']),
    );
    if (item.kind === 'csr')
      row('signed', item.signature === 'valid' ? 'by its own key (valid)' : item.signature);
    if (item.validationLevel) row('validated', item.validationLevel);
    if (Array.isArray(item.sans) && item.sans.length) row('names', item.sans.join(', '));
    problemRows(item, row);
    row('sha256', item.sha256);
    for (const extension of item.extensions as ReturnType<typeof extensionJson>[]) {
      lines.push(`  ${extension.name ?? extension.oid}${extension.critical ? ' (critical)' : ''}`);
      if (extension.error) lines.push(`      could not be read (${extension.error}); raw value shown`);
      lines.push(...jsonNodeLines(extension.value, '      '));
    }
  } else if (item.kind === 'crl') {
    row('issuer', item.issuer);
    row(
      'updated',
      `${String(item.thisUpdate)}${item.nextUpdate ? `, next by ${String(item.nextUpdate)}` : ''}`,
    );
    row('number', item.crlNumber);
    row('revoked', (item.entries as unknown[]).length);
    problemRows(item, row);
  } else {
    row(
      'key',
      [item.algorithm, item.bits ? `${String(item.bits)} bits` : '', item.curve ?? '']
        .filter(Boolean)
        .join(' '),
    );
    row('format', `${String(item.format)}${item.encrypted ? ' (encrypted)' : ''}`);
    const matches = item.matches as { subject: string } | undefined;
    row('belongs', matches ? `to the certificate ${matches.subject}` : 'to no certificate given here');
  }
  return lines.join('\n') + '\n';
}

/** What is wrong but didn't stop the reading, a line each. */
function problemRows(item: Item, row: (label: string, value: unknown) => void): void {
  for (const problem of (item.problems as string[] | undefined) ?? []) row('problem', problem);
}

function jsonNodeLines(nodes: JsonNode[], indent: string): string[] {
  return nodes.flatMap((node) => {
    const value =
      node.value === undefined ? node.oid : node.oid ? `${String(node.value)} (${node.oid})` : node.value;
    return [
      `${indent}${node.label}${value === undefined ? '' : `: ${String(value)}`}${node.problem ? ` [${node.problem}]` : ''}`,
      ...jsonNodeLines(node.children ?? [], `${indent}  `),
    ];
  });
}

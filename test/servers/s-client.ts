/**
 * The reference: the real `openssl s_client -showcerts -status -msg` against the same target, read
 * into the same terms the probe reports in (IANA cipher names, our group names, RFC 4514-ordered
 * CA names), so a test can demand that the two agree.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { LoopbackHost } from './harness';

export type SClientStarttls = 'smtp' | 'imap' | 'pop3' | 'ftp' | 'xmpp' | 'ldap' | 'postgres';

export interface SClientOptions {
  host?: LoopbackHost;
  port: number;
  starttls?: SClientStarttls;
  /** XMPP: the stream's `to` (-xmpphost). */
  xmppHost?: string;
  servername?: string;
  cert?: string;
  key?: string;
  tls?: '1.2' | '1.3';
  /** `-sigalgs`, e.g. `ECDSA+SHA256` to ask a dual-certificate server for one of them. */
  sigalgs?: string;
  cipher?: string;
}

export interface SClientMessage {
  direction: 'client' | 'server';
  name: string;
  /** Bytes, header included (what `-msg` prints as `[length 01ed]`). */
  size: number;
}

export interface SClientReport {
  certificates: Uint8Array[];
  /** `TLS 1.3`, or undefined when no session was established. */
  version?: string;
  /** IANA name. */
  cipherSuite?: string;
  /** In the probe's terms: `x25519`, `secp256r1`, `DH 2048 bits`… */
  group?: string;
  /** The stapled response's `openssl ocsp -resp_text`-style facts, or undefined when none was sent. */
  ocsp?: { certStatus: string; producedAt: string; thisUpdate: string; nextUpdate?: string };
  /** Each CA name the server listed, as `TYPE=value` parts, most specific first; undefined: no request. */
  acceptableCaNames?: string[][];
  /** Alert descriptions openssl reported receiving (`handshake failure` …). */
  alerts: string[];
  messages: SClientMessage[];
  output: string;
}

/** OpenSSL cipher names → IANA names (`openssl ciphers -stdname`). */
const ianaNames: Map<string, string> = (() => {
  const text = execFileSync('openssl', ['ciphers', '-stdname', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'], {
    stdio: 'pipe',
  }).toString();
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s+-\s+(\S+)/.exec(line.trim());
    if (match) map.set(match[2], match[1]);
  }
  return map;
})();

/** `Server Temp Key: …` in the probe's words. */
export function groupFromTempKey(tempKey: string): string {
  const x = /^(X25519|X448),/.exec(tempKey);
  if (x) return x[1].toLowerCase();
  const ecdh = /^ECDH, (\S+),/.exec(tempKey);
  if (ecdh) return ecdh[1] === 'prime256v1' ? 'secp256r1' : ecdh[1];
  const dh = /^DH, (\d+) bits/.exec(tempKey);
  if (dh) return `DH ${dh[1]} bits`;
  return tempKey;
}

/** `O = Org, CN = Name` (openssl's default oneline form) → [['CN=Name'], ['O=Org']] order-wise. */
function opensslNameParts(line: string): string[] {
  return line
    .split(/, (?=[A-Za-z0-9.]+ = )/)
    .map((part) => part.replace(/^([A-Za-z0-9.]+) = /, '$1='))
    .reverse();
}

export function parseSClient(output: string): SClientReport {
  // Only the "Certificate chain" section: -status also prints the OCSP response's own certificates.
  const chainSection = /^Certificate chain\n([\s\S]*?)^---$/m.exec(output)?.[1] ?? '';
  const certificates = [
    ...chainSection.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g),
  ].map((match) => new Uint8Array(Buffer.from(match[1].replace(/\s+/g, ''), 'base64')));
  // "Protocol :" comes with the session block, which TLS 1.3 prints only when a ticket arrives
  // (GnuTLS servers may send none); the "New, …" line is always there.
  const protocol =
    /^\s*Protocol\s*:\s*(TLSv1(?:\.\d)?|SSLv3)\s*$/m.exec(output)?.[1] ??
    /^New, (TLSv1(?:\.\d)?|SSLv3), Cipher is/m.exec(output)?.[1];
  const version = protocol
    ? protocol === 'SSLv3'
      ? 'SSL 3.0'
      : protocol === 'TLSv1'
        ? 'TLS 1.0'
        : protocol.replace('TLSv', 'TLS ')
    : undefined;
  const cipher = /Cipher is (\S+)/.exec(output)?.[1];
  const tempKey = /Server Temp Key: (.+)/.exec(output)?.[1];
  let ocsp: SClientReport['ocsp'];
  if (/OCSP Response Data:/.test(output)) {
    const field = (name: string) => new RegExp(`${name}: (.+)`).exec(output)?.[1].trim();
    ocsp = {
      certStatus: field('Cert Status') ?? '?',
      producedAt: field('Produced At') ?? '?',
      thisUpdate: field('This Update') ?? '?',
      ...(field('Next Update') ? { nextUpdate: field('Next Update') } : {}),
    };
  }
  const alerts = [...output.matchAll(/alert (?:number \d+|[a-z ]+?)(?=:|\n)/g)].map((match) =>
    match[0].replace(/^alert /, ''),
  );
  const messages: SClientMessage[] = [];
  for (const match of output.matchAll(/^(>>>|<<<) [^\n]*?Handshake \[length ([0-9a-f]+)\], (\w+)/gm)) {
    messages.push({
      direction: match[1] === '>>>' ? 'client' : 'server',
      size: parseInt(match[2], 16),
      name: match[3],
    });
  }
  // s_client prints "No client certificate CA names sent" with or without a request: -msg tells.
  let acceptableCaNames: string[][] | undefined;
  if (messages.some((message) => message.direction === 'server' && message.name === 'CertificateRequest')) {
    const names =
      /Acceptable client certificate CA names\n([\s\S]*?)\n(?=Requested Signature|Client Certificate Types|Shared Requested|Peer signing|Server Temp Key|---)/.exec(
        output,
      );
    acceptableCaNames = names ? names[1].split('\n').filter(Boolean).map(opensslNameParts) : [];
  }
  return {
    certificates,
    ...(version ? { version } : {}),
    ...(cipher && cipher !== '(NONE)' ? { cipherSuite: ianaNames.get(cipher) ?? cipher } : {}),
    ...(tempKey ? { group: groupFromTempKey(tempKey) } : {}),
    ...(ocsp ? { ocsp } : {}),
    ...(acceptableCaNames ? { acceptableCaNames } : {}),
    alerts,
    messages,
    output,
  };
}

/** Runs `openssl s_client` once against the target and reads what it printed. */
export async function sClient(options: SClientOptions): Promise<SClientReport> {
  const host = options.host ?? '127.0.0.1';
  const args = [
    's_client',
    '-connect',
    host.includes(':') ? `[${host}]:${options.port}` : `${host}:${options.port}`,
    '-showcerts',
    '-status',
    '-msg',
  ];
  if (options.starttls) args.push('-starttls', options.starttls);
  if (options.xmppHost) args.push('-xmpphost', options.xmppHost);
  if (options.servername) args.push('-servername', options.servername);
  if (options.cert) args.push('-cert', options.cert);
  if (options.key) args.push('-key', options.key);
  if (options.tls) args.push(options.tls === '1.2' ? '-tls1_2' : '-tls1_3');
  if (options.sigalgs) args.push('-sigalgs', options.sigalgs);
  if (options.cipher) args.push('-cipher', options.cipher);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let text = '';
    let ending: NodeJS.Timeout | undefined;
    // s_client waits for input after the handshake; closing stdin ends the session. Close it once
    // the session is printed (or the handshake failed), a moment later so post-handshake messages
    // (TLS 1.3 tickets, a refusal of our certificate) are read first.
    const endSoon = () => {
      ending ??= setTimeout(() => child.stdin.end(), 150);
    };
    const collect = (chunk: Buffer) => {
      text += chunk.toString();
      if (/Verify return code: \d+|New, \(NONE\)|:error:/.test(text)) endSoon();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const fallback = setTimeout(endSoon, 10_000);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('error', reject);
    child.once('exit', () => {
      clearTimeout(timer);
      clearTimeout(fallback);
      clearTimeout(ending);
      resolve(text);
    });
  });
  return parseSClient(output);
}

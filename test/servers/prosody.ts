/**
 * Debian's Prosody (XMPP, LuaSec on OpenSSL) in the foreground with its own config and data path,
 * run as the `prosody` user (it refuses root): client STARTTLS and direct TLS on random ports, one
 * virtual host, `localhost`.
 */
import {
  freePorts,
  requireBinary,
  requireRoot,
  startServerIn,
  systemUser,
  tempDir,
  type RunningServer,
} from './harness';

export interface ProsodyOptions {
  fullchain: string;
  key: string;
}

export interface RunningProsody extends RunningServer {
  /** Client connections with STARTTLS (as on 5222). */
  c2sPort: number;
  /** Client connections with TLS from the first byte (as on 5223). */
  directTlsPort: number;
  /** The one virtual host it serves. */
  domain: string;
}

export async function startProsody(options: ProsodyOptions): Promise<RunningProsody> {
  requireRoot('Prosody (started as the prosody user)');
  const binary = requireBinary('/usr/bin/prosody', 'prosody');
  systemUser('prosody');
  const dir = tempDir('prosody');
  const [c2sPort, directTlsPort] = await freePorts(2);
  const domain = 'localhost';
  const data = dir.mkdir('data', { mode: 0o750, owner: 'prosody' });
  dir.mkdir('certs');
  // Prosody reads its key as the prosody user.
  const certificate = dir.write('fullchain.pem', await readText(options.fullchain), { owner: 'prosody' });
  const key = dir.write('key.pem', await readText(options.key), { mode: 0o600, owner: 'prosody' });
  const tls = `{ certificate = "${certificate}", key = "${key}" }`;
  const config = dir.write(
    'prosody.cfg.lua',
    [
      `pidfile = "${data}/prosody.pid"`,
      `data_path = "${data}"`,
      'daemonize = false',
      'log = { { levels = { min = "info" }, to = "console" } }',
      'interfaces = { "127.0.0.1" }',
      `c2s_ports = { ${c2sPort} }`,
      `c2s_direct_tls_ports = { ${directTlsPort} }`,
      's2s_ports = { }',
      'modules_enabled = { "tls", "saslauth" }',
      'modules_disabled = { "s2s", "offline", "c2s_csi" }',
      `certificates = "${dir.path('certs')}"`,
      'c2s_require_encryption = true',
      'authentication = "internal_plain"',
      `ssl = ${tls}`,
      `VirtualHost "${domain}"`,
      `  ssl = ${tls}`,
      '',
    ].join('\n'),
  );
  const server = await startServerIn(dir, {
    name: 'Prosody',
    command: binary,
    args: ['--config', config],
    user: 'prosody',
    env: { ...process.env, HOME: data },
    ports: [c2sPort, directTlsPort].map((port) => ({ host: '127.0.0.1' as const, port })),
  });
  return {
    c2sPort,
    directTlsPort,
    domain,
    ...server,
  };
}

async function readText(path: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(path, 'utf8');
}

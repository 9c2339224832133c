/**
 * Debian's Apache (mod_ssl on OpenSSL) as one foreground process (`apache2 -X`) with its own
 * generated config: one TLS virtual host per site, each on its own random port.
 */
import {
  siteBlocks,
  requireBinary,
  requireRoot,
  startServerIn,
  tempDir,
  type RunningServer,
  type LoopbackHost,
} from './harness';

export interface ApacheSite {
  /** `SSLCertificateFile` (leaf then chain) and key pairs: two for a dual RSA + ECDSA host. */
  certificates: { fullchain: string; key: string }[];
  /** `SSLProtocol`, e.g. `TLSv1.2` (default: `all`, i.e. TLS 1.2 and 1.3 here). */
  protocol?: string;
  /** `SSLCipherSuite` for TLS ≤ 1.2. */
  cipherSuite?: string;
  /** `SSLVerifyClient` with `SSLCACertificateFile` (whose subjects are the acceptable CA names). */
  verifyClient?: { mode: 'require' | 'optional'; caFile: string };
  /** Raw `SSLOpenSSLConfCmd` lines, e.g. `MinProtocol TLSv1.1`. */
  openSslConf?: string[];
  hosts?: LoopbackHost[];
}

export interface RunningApache<Name extends string> extends RunningServer {
  ports: Record<Name, number>;
}

const modules = '/usr/lib/apache2/modules';

function virtualHost(site: ApacheSite, port: number): string {
  const hosts = site.hosts ?? ['127.0.0.1'];
  const addresses = hosts.map((host) => `${host.includes(':') ? `[${host}]` : host}:${port}`);
  const lines = [
    ...addresses.map((address) => `Listen ${address}`),
    `<VirtualHost ${addresses.join(' ')}>`,
    '  SSLEngine on',
    ...site.certificates.flatMap(({ fullchain, key }) => [
      `  SSLCertificateFile ${fullchain}`,
      `  SSLCertificateKeyFile ${key}`,
    ]),
    ...(site.protocol ? [`  SSLProtocol ${site.protocol}`] : []),
    ...(site.cipherSuite ? [`  SSLCipherSuite ${site.cipherSuite}`] : []),
    ...(site.verifyClient
      ? [`  SSLVerifyClient ${site.verifyClient.mode}`, `  SSLCACertificateFile ${site.verifyClient.caFile}`]
      : []),
    ...(site.openSslConf ?? []).map((command) => `  SSLOpenSSLConfCmd ${command}`),
    '</VirtualHost>',
  ];
  return lines.join('\n');
}

export async function startApache<Name extends string>(
  sites: Record<Name, ApacheSite>,
): Promise<RunningApache<Name>> {
  requireRoot('Apache');
  const binary = requireBinary('/usr/sbin/apache2', 'apache2');
  const dir = tempDir('apache');
  const { ports, blocks: hosts, listening } = await siteBlocks(sites, virtualHost);
  const errorLog = dir.path('error.log');
  const config = dir.write(
    'httpd.conf',
    [
      `ServerRoot ${dir.dir}`,
      'ServerName localhost',
      `PidFile ${dir.path('httpd.pid')}`,
      `DefaultRuntimeDir ${dir.dir}`,
      `ErrorLog ${errorLog}`,
      'LogLevel info ssl:info',
      `Mutex file:${dir.dir} default`,
      `LoadModule mpm_event_module ${modules}/mod_mpm_event.so`,
      `LoadModule authz_core_module ${modules}/mod_authz_core.so`,
      `LoadModule socache_shmcb_module ${modules}/mod_socache_shmcb.so`,
      `LoadModule ssl_module ${modules}/mod_ssl.so`,
      'User nobody',
      'Group nogroup',
      `DocumentRoot ${dir.mkdir('htdocs')}`,
      ...hosts,
      '',
    ].join('\n'),
  );
  const server = await startServerIn(dir, {
    name: 'Apache',
    command: binary,
    // -X: one process in the foreground; -f: only our config (no /etc/apache2).
    args: ['-X', '-f', config],
    // apache2 reads these from /etc/apache2/envvars when started by apachectl; -f needs none.
    env: { ...process.env, APACHE_RUN_DIR: dir.dir, APACHE_LOCK_DIR: dir.dir, APACHE_LOG_DIR: dir.dir },
    ports: listening,
    logFiles: [errorLog],
  });
  return {
    ports,
    ...server,
  };
}

/**
 * Debian's nginx in the foreground (`daemon off`, no master process) with a generated config: one
 * `server` block per site, each on its own random port, on 127.0.0.1 (and ::1 when asked).
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

export interface NginxSite {
  /** `ssl_certificate` pairs: two for a dual RSA + ECDSA server. */
  certificates: { fullchain: string; key: string }[];
  /** `ssl_protocols`, e.g. `TLSv1.2 TLSv1.3` (nginx 1.22's default has no TLS 1.3). */
  protocols?: string;
  ciphers?: string;
  /** `ssl_dhparam` file: enables DHE suites. */
  dhparam?: string;
  /** `ssl_stapling_file`: a DER OCSP response to staple. */
  staplingFile?: string;
  /** `ssl_verify_client` with `ssl_client_certificate`. */
  verifyClient?: { mode: 'on' | 'optional' | 'optional_no_ca'; caFile: string };
  /** Loopback addresses to listen on (default 127.0.0.1 only). */
  hosts?: LoopbackHost[];
}

export interface RunningNginx<Name extends string> extends RunningServer {
  ports: Record<Name, number>;
}

function siteBlock(site: NginxSite, port: number): string {
  const lines = [
    ...(site.hosts ?? ['127.0.0.1']).map(
      (host) => `    listen ${host.includes(':') ? `[${host}]` : host}:${port} ssl;`,
    ),
    ...site.certificates.flatMap(({ fullchain, key }) => [
      `    ssl_certificate ${fullchain};`,
      `    ssl_certificate_key ${key};`,
    ]),
    `    ssl_protocols ${site.protocols ?? 'TLSv1.2 TLSv1.3'};`,
    ...(site.ciphers ? [`    ssl_ciphers ${site.ciphers};`] : []),
    ...(site.dhparam ? [`    ssl_dhparam ${site.dhparam};`] : []),
    ...(site.staplingFile ? ['    ssl_stapling on;', `    ssl_stapling_file ${site.staplingFile};`] : []),
    ...(site.verifyClient
      ? [
          `    ssl_verify_client ${site.verifyClient.mode};`,
          `    ssl_client_certificate ${site.verifyClient.caFile};`,
        ]
      : []),
    '    location / { return 200 "certscope real-server test\\n"; }',
  ];
  return `  server {\n${lines.join('\n')}\n  }`;
}

export async function startNginx<Name extends string>(
  sites: Record<Name, NginxSite>,
): Promise<RunningNginx<Name>> {
  requireRoot('nginx');
  const binary = requireBinary('/usr/sbin/nginx', 'nginx');
  const dir = tempDir('nginx');
  const { ports, blocks, listening } = await siteBlocks(sites, siteBlock);
  const temp = dir.mkdir('temp');
  const config = dir.write(
    'nginx.conf',
    [
      'daemon off;',
      'master_process off;',
      'worker_processes 1;',
      `pid ${dir.path('nginx.pid')};`,
      `error_log ${dir.path('error.log')} info;`,
      'events { worker_connections 128; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${temp};`),
      ...blocks,
      '}',
      '',
    ].join('\n'),
  );
  const server = await startServerIn(dir, {
    name: 'nginx',
    command: binary,
    // -p: its own prefix, so nothing under /var/lib/nginx or /var/log/nginx is touched.
    args: ['-p', dir.dir, '-c', config, '-e', dir.path('error.log')],
    ports: listening,
    logFiles: [dir.path('error.log')],
  });
  return {
    ports,
    ...server,
  };
}

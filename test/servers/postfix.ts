/**
 * Debian's Postfix with its own config_directory, queue and data folders: the master in the
 * foreground (`master -d`) running smtpd on three random ports — STARTTLS, implicit TLS (wrapper
 * mode, as on 465) and STARTTLS asking for a client certificate.
 */
import {
  freePorts,
  requireBinary,
  requireRoot,
  startServerIn,
  systemUser,
  tempDir,
  type RunningServer,
  runSetup,
} from './harness';

export interface PostfixOptions {
  fullchain: string;
  key: string;
  /** The CA file whose names smtpd sends when it asks for a client certificate. */
  clientCaFile: string;
}

export interface RunningPostfix extends RunningServer {
  /** STARTTLS (as on 25/587). */
  smtpPort: number;
  /** Implicit TLS (`smtpd_tls_wrappermode`, as on 465). */
  smtpsPort: number;
  /** STARTTLS, asking for a client certificate (`smtpd_tls_ask_ccert`). */
  askCertPort: number;
}

export async function startPostfix(options: PostfixOptions): Promise<RunningPostfix> {
  requireRoot('Postfix');
  const postfix = requireBinary('/usr/sbin/postfix', 'postfix');
  const master = requireBinary('/usr/lib/postfix/sbin/master', 'postfix');
  systemUser('postfix');
  const dir = tempDir('postfix');
  const [smtpPort, smtpsPort, askCertPort] = await freePorts(3);
  dir.mkdir('queue');
  dir.mkdir('data', { owner: 'postfix' });
  dir.write('maillog', '', { owner: 'postfix' });
  dir.write(
    'main.cf',
    [
      'compatibility_level = 3.6',
      `queue_directory = ${dir.path('queue')}`,
      `data_directory = ${dir.path('data')}`,
      'myhostname = mail.real.certscope.test',
      'inet_interfaces = 127.0.0.1',
      'inet_protocols = ipv4',
      // A file, not /dev/stdout: postlogd reopens it by name, which a pipe here doesn't survive.
      `maillog_file = ${dir.path('maillog')}`,
      `maillog_file_prefixes = ${dir.dir}`,
      'mydestination =',
      'local_recipient_maps =',
      'alias_maps =',
      'alias_database =',
      'smtpd_tls_security_level = may',
      `smtpd_tls_cert_file = ${options.fullchain}`,
      `smtpd_tls_key_file = ${options.key}`,
      `smtpd_tls_CAfile = ${options.clientCaFile}`,
      'smtpd_tls_loglevel = 1',
      '',
    ].join('\n'),
  );
  dir.write(
    'master.cf',
    [
      `127.0.0.1:${smtpPort} inet n - n - - smtpd`,
      `127.0.0.1:${smtpsPort} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes`,
      `127.0.0.1:${askCertPort} inet n - n - - smtpd -o smtpd_tls_ask_ccert=yes`,
      'postlog unix-dgram n - n - 1 postlogd',
      'proxymap unix - - n - - proxymap',
      'anvil unix - - n - 1 anvil',
      'tlsmgr unix - - n 1000? 1 tlsmgr',
      '',
    ].join('\n'),
  );
  const server = await startServerIn(
    dir,
    {
      name: 'Postfix',
      command: master,
      // -d: stay in the foreground; -s: log through postlogd to maillog_file.
      args: ['-c', dir.dir, '-d', '-s'],
      env: { ...process.env, MAIL_CONFIG: dir.dir },
      ports: [smtpPort, smtpsPort, askCertPort].map((port) => ({ host: '127.0.0.1' as const, port })),
      logFiles: [dir.path('maillog')],
    },
    // `postfix check` lays out the queue folders the master expects.
    () => runSetup('postfix check of the generated config', postfix, ['-c', dir.dir, 'check']),
  );
  return {
    smtpPort,
    smtpsPort,
    askCertPort,
    ...server,
  };
}

/**
 * Debian's Dovecot (IMAP) in the foreground (`dovecot -F -c conf`) with its own base and state
 * folders: IMAP with STARTTLS and IMAPS on random ports; optionally asking for a client certificate.
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

export interface DovecotOptions {
  fullchain: string;
  key: string;
  /** Ask for a client certificate from this CA (`ssl_verify_client_cert`). */
  clientCaFile?: string;
}

export interface RunningDovecot extends RunningServer {
  imapPort: number;
  imapsPort: number;
}

export async function startDovecot(options: DovecotOptions): Promise<RunningDovecot> {
  requireRoot('Dovecot');
  const binary = requireBinary('/usr/sbin/dovecot', 'dovecot-imapd');
  requireBinary('/usr/lib/dovecot/imap', 'dovecot-imapd');
  // Its login processes run as these users.
  systemUser('dovecot');
  systemUser('dovenull');
  const dir = tempDir('dovecot');
  const [imapPort, imapsPort] = await freePorts(2);
  const config = dir.write(
    'dovecot.conf',
    [
      `base_dir = ${dir.path('run')}`,
      `state_dir = ${dir.mkdir('state')}`,
      'log_path = /dev/stderr',
      'info_log_path = /dev/stderr',
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = yes',
      `ssl_cert = <${options.fullchain}`,
      `ssl_key = <${options.key}`,
      ...(options.clientCaFile ? [`ssl_ca = <${options.clientCaFile}`, 'ssl_verify_client_cert = yes'] : []),
      `mail_location = mbox:${dir.mkdir('mail')}`,
      'passdb {',
      '  driver = static',
      '  args = password=unused',
      '}',
      'userdb {',
      '  driver = static',
      `  args = uid=nobody gid=nogroup home=${dir.path('mail')}`,
      '}',
      'service imap-login {',
      `  inet_listener imap {\n    port = ${imapPort}\n  }`,
      `  inet_listener imaps {\n    port = ${imapsPort}\n    ssl = yes\n  }`,
      '}',
      // No chroot for anvil: the temp base folder is not a chroot-ready tree.
      'service anvil {\n  chroot =\n}',
      '',
    ].join('\n'),
  );
  const server = await startServerIn(dir, {
    name: 'Dovecot',
    command: binary,
    // -F: foreground; -c: only our config.
    args: ['-F', '-c', config],
    ports: [imapPort, imapsPort].map((port) => ({ host: '127.0.0.1' as const, port })),
  });
  return {
    imapPort,
    imapsPort,
    ...server,
  };
}

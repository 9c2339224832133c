/**
 * Debian's vsftpd in the foreground (`listen=YES`, `background=NO`) with a generated config: FTP
 * with AUTH TLS on a random port. It asks every TLS client for a certificate (and takes none).
 */
import { freePort, requireBinary, requireRoot, startServerIn, tempDir, type RunningServer } from './harness';

export interface VsftpdOptions {
  fullchain: string;
  key: string;
}

export interface RunningVsftpd extends RunningServer {
  port: number;
}

export async function startVsftpd(options: VsftpdOptions): Promise<RunningVsftpd> {
  requireRoot('vsftpd');
  const binary = requireBinary('/usr/sbin/vsftpd', 'vsftpd');
  const dir = tempDir('vsftpd');
  const port = await freePort();
  const config = dir.write(
    'vsftpd.conf',
    [
      'listen=YES',
      'listen_ipv6=NO',
      'listen_address=127.0.0.1',
      `listen_port=${port}`,
      'background=NO',
      'anonymous_enable=NO',
      // vsftpd refuses to start with no way to log in; nobody logs in here.
      'local_enable=YES',
      'ssl_enable=YES',
      `rsa_cert_file=${options.fullchain}`,
      `rsa_private_key_file=${options.key}`,
      `secure_chroot_dir=${dir.mkdir('empty')}`,
      // The seccomp sandbox needs syscalls some container runtimes don't offer.
      'seccomp_sandbox=NO',
      `vsftpd_log_file=${dir.path('vsftpd.log')}`,
      'xferlog_enable=YES',
      '',
    ].join('\n'),
  );
  const server = await startServerIn(dir, {
    name: 'vsftpd',
    command: binary,
    args: [config],
    ports: [{ host: '127.0.0.1', port }],
    logFiles: [dir.path('vsftpd.log')],
  });
  return {
    port,
    ...server,
  };
}

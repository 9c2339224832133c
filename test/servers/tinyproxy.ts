/**
 * Debian's tinyproxy in the foreground (`tinyproxy -d -c conf`) on a random port: an HTTP proxy
 * with CONNECT allowed only to the given ports, optionally with basic auth.
 */
import { freePort, requireBinary, requireRoot, startServerIn, tempDir, type RunningServer } from './harness';

export interface TinyproxyOptions {
  /** The only ports CONNECT may reach (`ConnectPort`). */
  connectPorts: number[];
  basicAuth?: { username: string; password: string };
}

export interface RunningTinyproxy extends RunningServer {
  port: number;
}

export async function startTinyproxy(options: TinyproxyOptions): Promise<RunningTinyproxy> {
  requireRoot('tinyproxy');
  const binary = requireBinary('/usr/bin/tinyproxy', 'tinyproxy');
  const dir = tempDir('tinyproxy');
  const port = await freePort();
  const config = dir.write(
    'tinyproxy.conf',
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 30',
      'MaxClients 20',
      'LogLevel Info',
      `PidFile "${dir.path('tinyproxy.pid')}"`,
      ...options.connectPorts.map((allowed) => `ConnectPort ${allowed}`),
      ...(options.basicAuth ? [`BasicAuth ${options.basicAuth.username} ${options.basicAuth.password}`] : []),
      '',
    ].join('\n'),
  );
  const server = await startServerIn(dir, {
    name: 'tinyproxy',
    command: binary,
    // -d: stay in the foreground, logging to the terminal.
    args: ['-d', '-c', config],
    ports: [{ host: '127.0.0.1', port }],
  });
  return {
    port,
    ...server,
  };
}

/** Reads what a server really sends with the real `openssl s_client -showcerts`. */
import { spawn } from 'node:child_process';

export async function showcerts(
  port: number,
  options: { tls?: '1.2' | '1.3'; servername?: string } = {},
): Promise<Uint8Array[]> {
  const args = ['s_client', '-connect', `127.0.0.1:${port}`, '-showcerts'];
  if (options.tls === '1.2') args.push('-tls1_2');
  if (options.tls === '1.3') args.push('-tls1_3');
  if (options.servername) args.push('-servername', options.servername);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('error', reject);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(text);
    });
    // s_client waits for input after the handshake; closing stdin ends the session.
    child.stdin.end();
  });
  return [...output.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map(
    (match) => new Uint8Array(Buffer.from(match[1].replace(/\s+/g, ''), 'base64')),
  );
}

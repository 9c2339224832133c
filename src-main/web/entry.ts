/**
 * `npm run web`: serve Certscope on a loopback URL instead of opening the Electron window.
 * Also the fallback `npm start` uses when the Electron runtime isn't available.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi } from '../services/api';
import { startWebServer } from './server';
import { stopLabServers } from '../services/lab/service';
import { warmTrustAnchors } from '../services/trust/anchor-lookup';

function findRendererBuild(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Built: out/main/web.mjs beside out/renderer. From sources (tsx): the repo root's out/renderer.
  for (const candidate of [join(here, '../renderer'), resolve(here, '../../out/renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  throw new Error('the renderer is not built yet: run `npm run build` first');
}

function parsePort(argv: string[]): number {
  const index = argv.indexOf('--port');
  const port = index >= 0 ? Number(argv[index + 1]) : Number(process.env.CERTSCOPE_WEB_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid port: ${argv[index + 1]}`);
  return port;
}

async function main(): Promise<void> {
  const server = await startWebServer({
    api: createApi({ mode: 'web' }),
    staticDir: findRendererBuild(),
    port: parsePort(process.argv.slice(2)),
    // Each login link works once; once it is used, the next one is printed for another tab.
    onLoginUrl: (url) =>
      process.stdout.write(`Certscope web mode: logged in; for another browser tab or window, open ${url}\n`),
  });
  warmTrustAnchors();
  // One line, read by people and by scripts alike (`web mode: open <url>`).
  process.stdout.write(
    `Certscope web mode: open ${server.url} (loopback only; the link logs one browser tab in, once)\n`,
  );
  const stop = () => {
    void Promise.all([server.close(), stopLabServers()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`certscope web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

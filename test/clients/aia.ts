/**
 * One HTTP server per process on 127.0.0.1 that publishes the certificates cases put behind an
 * AIA caIssuers URL. Variants are minted with its URLs, so it starts before them and lives as
 * long as the process (unref'd: it never keeps a test run alive).
 */
import { createServer, type Server } from 'node:http';
import { derToPem, type ClientCase } from './case';

interface Route {
  body: Uint8Array;
  contentType: string;
}

interface AiaHost {
  server: Server;
  origin: string;
  routes: Map<string, Route>;
  requests: string[];
}

let host: Promise<AiaHost> | undefined;

function startHost(): Promise<AiaHost> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const route = routes.get(path);
    if (!route) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': route.contentType }).end(Buffer.from(route.body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      const port = (server.address() as { port: number }).port;
      resolve({ server, origin: `http://127.0.0.1:${port}`, routes, requests });
    });
  });
}

function aiaHost(): Promise<AiaHost> {
  host ??= startHost();
  return host;
}

/**
 * Publishes a certificate at `/<path>` and returns its URL (to put in a certificate's AIA): DER as
 * RFC 5280 asks, or PEM as some CAs serve it by mistake.
 */
export async function publishAia(
  path: string,
  der: Uint8Array,
  form: 'der' | 'pem' = 'der',
): Promise<string> {
  const { origin, routes } = await aiaHost();
  const pathname = `/${path.replace(/^\/+/, '')}`;
  routes.set(
    pathname,
    form === 'der'
      ? { body: der, contentType: 'application/pkix-cert' }
      : { body: new TextEncoder().encode(derToPem(der)), contentType: 'application/x-pem-file' },
  );
  return `${origin}${pathname}`;
}

/** Paths fetched from the AIA host so far (did a client fetch the issuer?). */
export async function aiaRequests(): Promise<string[]> {
  return [...(await aiaHost()).requests];
}

/** Fails loudly when a case's AIA URLs aren't served here (a case minted by another process). */
export async function assertAiaServed(testCase: ClientCase): Promise<void> {
  if (!testCase.aia) return;
  const { origin, routes } = await aiaHost();
  for (const url of Object.keys(testCase.aia)) {
    const parsed = new URL(url);
    if (parsed.origin !== origin || !routes.has(parsed.pathname))
      throw new Error(
        `${testCase.id}: its AIA URL ${url} is not served by this process (mint the case here)`,
      );
  }
}

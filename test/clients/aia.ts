/**
 * One HTTP server per process on 127.0.0.1 (the Lab's file server) that publishes the
 * certificates cases put behind an AIA caIssuers URL. Variants are minted with its URLs, so it
 * starts before them; `closeAiaHost()` stops it when a run is over.
 */
import { startHttpFileServer, type LabHttpServer } from '../lab';
import { derToPem, type ClientCase } from './case';

let host: Promise<LabHttpServer> | undefined;

function aiaHost(): Promise<LabHttpServer> {
  host ??= startHttpFileServer();
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
  const server = await aiaHost();
  const pathname = `/${path.replace(/^\/+/, '')}`;
  server.setRoute(
    pathname,
    form === 'der'
      ? { body: der, contentType: 'application/pkix-cert' }
      : { body: derToPem(der), contentType: 'application/x-pem-file' },
  );
  return server.url(pathname);
}

/** Paths fetched from the AIA host so far (did a client fetch the issuer?). */
export async function aiaRequests(): Promise<string[]> {
  return [...(await aiaHost()).requests];
}

/** Fails loudly when a case's AIA URLs aren't served here (a case minted by another process). */
export async function assertAiaServed(testCase: ClientCase): Promise<void> {
  if (!testCase.aia) return;
  const server = await aiaHost();
  for (const url of Object.keys(testCase.aia)) {
    if (!url.startsWith(server.url('/')))
      throw new Error(
        `${testCase.id}: its AIA URL ${url} is not served by this process (mint the case here)`,
      );
  }
}

export async function closeAiaHost(): Promise<void> {
  const running = host;
  host = undefined;
  await (await running)?.close();
}

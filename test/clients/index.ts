/**
 * Ground truth: the real clients on this machine, asked for their verdict on a case.
 *
 *   const cases = await buildCorpus();                  // x509-limbo + Lab scenarios + variants
 *   const verdicts = await runCorpus('go', cases);      // one Verdict per case the client can run
 *   const one = await runCase('chromium', cases[0]);    // throws if that client can't run it
 *
 * `unsupported(client, case)` says why a client can't run a case (x509-limbo has no private keys,
 * so only `openssl-verify`, `openssl` in verify mode, and `go` run those).
 */
import type { ClientCase, ClientName, Verdict } from './case';
import { chromiumInfo, chromiumUnsupported, runChromium } from './runners/chromium';
import type { ClientInfo } from './runners/common';
import { goInfo, runGo } from './runners/go';
import { javaInfo, javaUnsupported, runJava } from './runners/java';
import { opensslInfo, opensslModeFor, opensslUnsupported, runOpenssl } from './runners/openssl';

export { clientNames, type ClientCase, type ClientName, type Verdict } from './case';
export type { ClientInfo } from './runners/common';
export { buildCorpus, type CorpusOptions } from './corpus';

/** Why `client` can't run `testCase`, or undefined when it can. */
export function unsupported(client: ClientName, testCase: ClientCase): string | undefined {
  switch (client) {
    case 'openssl':
      return undefined; // s_client when a server can present the case now, `openssl verify` otherwise
    case 'openssl-verify':
      return opensslUnsupported(testCase, 'verify');
    case 'go':
      return undefined;
    case 'java':
      return javaUnsupported(testCase);
    case 'chromium':
      return chromiumUnsupported(testCase);
  }
}

export function clientInfo(client: ClientName): ClientInfo {
  switch (client) {
    case 'openssl':
      return opensslInfo();
    case 'openssl-verify':
      return {
        ...opensslInfo(),
        client: 'openssl-verify',
        notes: 'openssl verify: the X509 verifier without libssl (no security level)',
      };
    case 'go':
      return goInfo();
    case 'java':
      return javaInfo();
    case 'chromium':
      return chromiumInfo();
  }
}

/**
 * The client's verdict on every case it can run, in corpus order (cases it can't run are left
 * out; see `unsupported`). A missing client throws, never skips.
 */
export async function runCorpus(client: ClientName, cases: ClientCase[]): Promise<Verdict[]> {
  clientInfo(client);
  const runnable = cases.filter((testCase) => unsupported(client, testCase) === undefined);
  switch (client) {
    case 'go':
      return runGo(runnable);
    case 'java':
      return runJava(runnable);
    case 'chromium':
      return runChromium(runnable);
    case 'openssl':
    case 'openssl-verify': {
      const verdicts: Verdict[] = [];
      for (const testCase of runnable)
        verdicts.push(
          await runOpenssl(testCase, client === 'openssl' ? opensslModeFor(testCase) : 'verify', client),
        );
      return verdicts;
    }
  }
}

/** The client's verdict on one case; throws when the client can't run it. */
export async function runCase(client: ClientName, testCase: ClientCase): Promise<Verdict> {
  const why = unsupported(client, testCase);
  if (why) throw new Error(`${client} can't run ${testCase.id}: ${why}`);
  const [verdict] = await runCorpus(client, [testCase]);
  return verdict;
}

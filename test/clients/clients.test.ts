/**
 * The real clients give the verdicts nobody disputes on a small, representative corpus: a good
 * chain is accepted by all, an expired leaf, a wrong host and a missing intermediate are refused
 * by all, each for its own stated reason; only the browser fetches a missing intermediate by AIA.
 * The whole corpus runs with `npm run clients -- --all` (docs/clients-ground-truth.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCorpus,
  clientInfo,
  runCase,
  runCorpus,
  unsupported,
  type ClientCase,
  type ClientName,
  type Verdict,
} from '.';
import { aiaRequests, closeAiaHost } from './aia';
import { browserBatches } from './runners/chromium';
import { requireCommand } from './runners/common';
import { variantCases } from './corpus/variants';

type Expected = 'ok' | RegExp;

/** Per client, per case: accepted (`ok`) or refused with a reason matching the pattern. */
const expectations: Record<ClientName, Record<string, Expected>> = {
  openssl: {
    'lab:good': 'ok',
    'lab:expired': /^X509_V_ERR 10: certificate has expired/,
    'lab:wrong-host': /^X509_V_ERR 62: hostname mismatch/,
    'lab:missing-intermediate': /^X509_V_ERR 20: unable to get local issuer certificate/,
    'variant:aia-missing-intermediate': /^X509_V_ERR 20:/,
    // libssl's security level 2 refuses SHA-1 signatures…
    'variant:sha1-leaf': /^X509_V_ERR 68: CA signature digest algorithm too weak/,
    'limbo:rfc5280::validity::expired-leaf': /^X509_V_ERR 10:/,
    'limbo:pathlen::ee-with-intermediate-pathlen-0': 'ok',
  },
  'openssl-verify': {
    'lab:good': 'ok',
    'lab:expired': /^X509_V_ERR 10:/,
    'lab:wrong-host': /^X509_V_ERR 62:/,
    'lab:missing-intermediate': /^X509_V_ERR 20:/,
    'variant:aia-missing-intermediate': /^X509_V_ERR 20:/,
    // …which `openssl verify` doesn't apply.
    'variant:sha1-leaf': 'ok',
    'limbo:rfc5280::validity::expired-leaf': /^X509_V_ERR 10: certificate has expired \(depth 0\)/,
    'limbo:pathlen::ee-with-intermediate-pathlen-0': 'ok',
  },
  go: {
    'lab:good': 'ok',
    'lab:expired': /^x509\.CertificateInvalidError\(Expired\)/,
    'lab:wrong-host': /^x509\.HostnameError/,
    'lab:missing-intermediate': /^x509\.UnknownAuthorityError/,
    'variant:aia-missing-intermediate': /^x509\.UnknownAuthorityError/,
    'variant:sha1-leaf': /insecure algorithm SHA1-RSA/,
    'limbo:rfc5280::validity::expired-leaf': /^x509\.CertificateInvalidError\(Expired\)/,
    'limbo:pathlen::ee-with-intermediate-pathlen-0': 'ok',
  },
  java: {
    'lab:good': 'ok',
    'lab:expired': /validity check failed/,
    'lab:wrong-host': /No subject alternative DNS name matching wrong-host\.lab\.certscope\.test/,
    'lab:missing-intermediate': /PKIX path building failed/,
    'variant:aia-missing-intermediate': /PKIX path building failed/,
    // jdk.certpath.disabledAlgorithms refuses SHA-1 only under the JDK's own roots (jdkCA).
    'variant:sha1-leaf': 'ok',
  },
  chromium: {
    'lab:good': 'ok',
    'lab:expired': /^net::ERR_CERT_DATE_INVALID/,
    'lab:wrong-host': /^net::ERR_CERT_COMMON_NAME_INVALID/,
    'lab:missing-intermediate': /^net::ERR_CERT_AUTHORITY_INVALID/,
    // The browser fetches the intermediate from the leaf's AIA URL.
    'variant:aia-missing-intermediate': 'ok',
    'variant:sha1-leaf': /^net::ERR_CERT_INVALID: Unacceptable signature algorithm/,
  },
};

let cases: ClientCase[];

beforeAll(async () => {
  cases = await buildCorpus({
    lab: ['good', 'expired', 'wrong-host', 'missing-intermediate'],
    variants: ['aia-missing-intermediate', 'sha1-leaf'],
    limbo: ['rfc5280::validity::expired-leaf', 'pathlen::ee-with-intermediate-pathlen-0'],
  });
});

afterAll(closeAiaHost);

for (const client of Object.keys(expectations) as ClientName[]) {
  describe(client, () => {
    const verdicts = new Map<string, Verdict>();

    beforeAll(async () => {
      for (const verdict of await runCorpus(client, cases)) verdicts.set(verdict.caseId, verdict);
    });

    it('states its version', () => {
      expect(clientInfo(client).version).toMatch(/\d+\.\d+/);
    });

    it('runs exactly the cases it can (no private key, no handshake)', () => {
      const runnable = cases
        .filter((testCase) => unsupported(client, testCase) === undefined)
        .map((c) => c.id);
      expect([...verdicts.keys()]).toEqual(runnable);
      expect(Object.keys(expectations[client]).sort()).toEqual([...runnable].sort());
    });

    for (const [caseId, expected] of Object.entries(expectations[client])) {
      it(`${expected === 'ok' ? 'accepts' : 'refuses'} ${caseId}`, () => {
        const verdict = verdicts.get(caseId);
        expect(verdict, `no verdict for ${caseId}`).toBeDefined();
        if (expected === 'ok') {
          expect(verdict, verdict?.raw).toMatchObject({ accepted: true, reason: 'ok' });
        } else {
          expect(verdict?.accepted, verdict?.raw).toBe(false);
          expect(verdict?.reason).toMatch(expected);
        }
      });
    }
  });
}

describe('how each client ran', () => {
  it('OpenSSL does a TLS handshake where a server can present the chain, `openssl verify` otherwise', async () => {
    const lab = cases.find((testCase) => testCase.id === 'lab:good')!;
    const limbo = cases.find((testCase) => testCase.source === 'limbo')!;
    expect((await runCase('openssl', lab)).mode).toBe('s_client (TLS handshake)');
    expect((await runCase('openssl', limbo)).mode).toBe('openssl verify');
  });

  it('Chromium fetched the missing intermediate from the AIA URL', async () => {
    expect(await aiaRequests()).toContain('/aia-missing-intermediate/issuer.der');
  });

  it('a handshake-only client refuses to run a case without a private key', async () => {
    const limbo = cases.find((testCase) => testCase.source === 'limbo')!;
    expect(unsupported('java', limbo)).toMatch(/no private key/);
    await expect(runCase('chromium', limbo)).rejects.toThrow(/no private key/);
  });

  it('a missing client fails loudly, naming the package to install', () => {
    expect(() => requireCommand('certscope-no-such-client', ['--version'], 'some-debian-package')).toThrow(
      /install Debian's `some-debian-package`/,
    );
  });

  it('Chromium never shares a browser between a case and an anchor that could vouch for its chain', async () => {
    const [trusted] = await variantCases(['good']);
    // The same chain with no anchor of its own: its root, trusted for the other case, must not help.
    const untrusted: ClientCase = { ...trusted, id: 'variant:good-untrusted', anchors: [] };
    const unrelated = cases.find((testCase) => testCase.id === 'lab:good')!;
    const batches = browserBatches([trusted, untrusted, unrelated]).map((batch) => batch.map((c) => c.id));
    expect(batches).toEqual([['variant:good', 'lab:good'], ['variant:good-untrusted']]);
  });
});

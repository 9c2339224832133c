/**
 * Each verdict from the worker carries its own copies of the certificates; interned by SHA-256
 * they become one array per certificate, so what the page read for display once is not read again
 * (a chain of big certificates read again for every client's verdict took the page's thread for
 * tens of milliseconds).
 */
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { toHex } from '../../src-core/bytes/hex';
import type { VerifyResult } from '../../src-core/verify';
import { decodeForDisplay } from '../../src-renderer/src/format/certificates';
import { useVerifier } from '../../src-renderer/src/verifier/client';
import { internCertificates, internGiven, internVerdicts } from '../../src-renderer/src/verifier/intern';
import { selfSignedCa } from './support/certificates';
import { useFakeApi } from './support/fake-api';

const sha256Of = async (der: Uint8Array) =>
  toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', der.slice())));

function resultWith(certificates: Record<string, Uint8Array>): VerifyResult {
  return {
    trusted: false,
    paths: [],
    chosenPath: 0,
    findings: [],
    fixedChain: [],
    certificates,
    validationTime: new Date(),
  };
}

describe('internCertificates', () => {
  it('gives copies of a certificate the array seen first, and its display model with it', async () => {
    const der = await selfSignedCa('Interned CA');
    const first = resultWith({ aa11: structuredClone(der) });
    internCertificates(first);
    const model = decodeForDisplay(first.certificates.aa11);
    expect(model?.subjectDisplayName).toBe('Interned CA');

    const second = resultWith({ aa11: structuredClone(der) });
    expect(second.certificates.aa11).not.toBe(first.certificates.aa11);
    internCertificates(second);
    expect(second.certificates.aa11).toBe(first.certificates.aa11);
    expect(decodeForDisplay(second.certificates.aa11)).toBe(model);
  });

  it("does the same for every client's verdict, and leaves other certificates alone", async () => {
    const one = await selfSignedCa('One');
    const other = await selfSignedCa('Other');
    const seen = resultWith({ bb22: one });
    internCertificates(seen);
    const verdict = (result: VerifyResult) => ({
      client: 'chrome' as const,
      name: 'Chrome',
      label: 'Chrome',
      trusted: false,
      result,
      reason: '',
      notes: [],
      stores: [],
    });
    const clients = {
      chosen: 'chrome' as const,
      verdicts: [verdict(resultWith({ bb22: one.slice(), cc33: other }))],
    };
    internVerdicts(clients);
    expect(clients.verdicts[0].result.certificates.bb22).toBe(one);
    expect(clients.verdicts[0].result.certificates.cc33).toBe(other);
    internCertificates(undefined);
    internVerdicts(undefined);
  });

  it('takes the arrays the page gave a job first, by the SHA-256 the job found for each', async () => {
    const given = await selfSignedCa('Given CA');
    const sha256 = await sha256Of(given);
    internGiven([given, new Uint8Array([1, 2, 3])], [sha256, undefined]);
    const verdict = resultWith({ [sha256]: given.slice() });
    internCertificates(verdict);
    expect(verdict.certificates[sha256]).toBe(given);
  });

  it("a job's outcome names each certificate it was given, unreadable ones too", async () => {
    setActivePinia(createPinia());
    const leaf = await selfSignedCa('outcome.test', ['outcome.test']);
    useFakeApi({
      findTrustAnchors: vi.fn(async () => ({ stores: [{ name: 'user', anchors: 0 }], anchors: [] })),
    });
    const junk = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]);
    const outcome = await useVerifier().verify(
      { kind: 'files', certificates: [leaf, junk], crls: [], aia: false },
      null,
    ).outcome;
    expect(outcome.given).toEqual([await sha256Of(leaf), undefined]);
  });
});

/**
 * What `certscope verify` takes from its files: a PEM file of certificates is taken as it is,
 * anything else (DER, PEM with CRLs, a block that doesn't read) goes through the full decoder,
 * whose messages name the part that could not be used; the leaf is the first non-CA.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { leafIndex, readVerifyFile, verifyFiles } from '../../../src-core/inspect/verify-files';
import { buildScenario, createCrl, type Scenario } from '../../../src-main/services/lab';

let scenario: Scenario;
const encode = (text: string) => new TextEncoder().encode(text);
beforeAll(async () => {
  scenario = await buildScenario('good', { keySpec: 'p256' });
});

describe('readVerifyFile', () => {
  it('takes the certificates of a PEM bundle in file order', async () => {
    const [leaf, intermediate] = scenario.presented;
    const contents = await readVerifyFile(
      'chain.pem',
      encode(scenario.root.pem + leaf.pem + intermediate.pem),
    );
    expect(contents.errors).toEqual([]);
    expect(contents.crls).toEqual([]);
    expect(contents.certificates).toEqual([scenario.root.der, leaf.der, intermediate.der]);
    expect(await leafIndex(contents.certificates)).toBe(1);
  });

  it('reads DER and CRLs through the decoder', async () => {
    const crl = await createCrl(scenario.presented[1], []);
    const der = await readVerifyFile('leaf.der', scenario.presented[0].der);
    expect(der.certificates).toEqual([scenario.presented[0].der]);
    const withCrl = await readVerifyFile('bundle.pem', encode(scenario.presented[0].pem + crl.pem));
    expect(withCrl.certificates).toEqual([scenario.presented[0].der]);
    expect(withCrl.crls).toEqual([crl.der]);
    expect(withCrl.errors).toEqual([]);
  });

  it('names the block that does not read and keeps the others', async () => {
    const garbage = '-----BEGIN CERTIFICATE-----\nMIIBAAECAwQ=\n-----END CERTIFICATE-----\n';
    const contents = await readVerifyFile('mixed.pem', encode(scenario.presented[0].pem + garbage));
    expect(contents.certificates).toEqual([scenario.presented[0].der]);
    expect(contents.errors).toHaveLength(1);
    expect(contents.errors[0]).toMatch(/^mixed\.pem, block 2 \(CERTIFICATE at character \d+\)/);
  });

  it('says when a file holds no certificate', async () => {
    const contents = await readVerifyFile('notes.txt', encode('just some words'));
    expect(contents.certificates).toEqual([]);
    expect(contents.errors).toEqual([expect.stringMatching(/^notes\.txt is not a certificate file/)]);
  });

  it('verifies what it read: a root-first bundle is anchored in the given store', async () => {
    const [leaf, intermediate] = scenario.presented;
    const contents = await readVerifyFile(
      'chain.pem',
      encode(scenario.root.pem + intermediate.pem + leaf.pem),
    );
    const result = await verifyFiles({
      certificates: contents.certificates,
      host: scenario.host,
      anchors: [{ name: 'lab', certificates: [scenario.root.der] }],
    });
    expect(result.trusted).toBe(true);
    expect(result.paths[result.chosenPath].certificates.map((c) => c.sha256)).toHaveLength(3);
  });

  it('a dropped CRL that lists the leaf: revoked, saying which list and why', async () => {
    const [leaf, intermediate] = scenario.presented;
    const issued = new Date(Date.now() - 2 * 3600_000);
    const crl = await createCrl(intermediate, [{ serial: leaf.serial, reason: 1 }], { thisUpdate: issued });
    const result = await verifyFiles({
      certificates: [leaf.der, intermediate.der],
      crls: [crl.der],
      host: scenario.host,
      anchors: [{ name: 'lab', certificates: [scenario.root.der] }],
    });
    expect(result.trusted).toBe(false);
    expect(result.findings.find((item) => item.code === 'revoked')).toMatchObject({
      certificate: result.paths[result.chosenPath].certificates[0].sha256,
      detail: `listed on the CRL issued ${issued.toISOString().slice(0, 10)} (reason: keyCompromise)`,
    });
  });
});

/**
 * The inputs store with files that need a password: a PKCS#12 file waits for one (asked once per
 * file), a wrong one is said and the file keeps waiting, the right one loads the certificate and
 * its key (matched), skipping leaves the file with its message; keys match certificates in other
 * files of the drop. (It lives with the Node tests because its inputs are made with openssl at
 * run time; the store itself needs no DOM.)
 */
import { writeFileSync } from 'node:fs';
import { createPinia, setActivePinia } from 'pinia';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useInputsStore } from '../../src-renderer/src/stores/inputs';
import { opensslWorkspace, type OpensslWorkspace } from '../support/openssl';

describe('inputs store: passwords and keys', () => {
  let lab: OpensslWorkspace;
  const file = (name: string) => ({ name, bytes: lab.read(name) });

  beforeAll(() => {
    lab = opensslWorkspace('renderer-p12');
    lab.selfSigned('site', '/CN=site.example');
    lab.run(
      'pkcs12',
      '-export',
      '-in',
      lab.file('site.pem'),
      '-inkey',
      lab.file('site.key'),
      '-passout',
      'pass:right',
      '-out',
      lab.file('site.p12'),
    );
    writeFileSync(lab.file('notes.txt'), 'not a certificate');
  });
  beforeEach(() => setActivePinia(createPinia()));

  it('asks for the password, says when it is wrong, and loads with the right one', async () => {
    const inputs = useInputsStore();
    await inputs.addFiles([file('site.p12'), file('notes.txt')]);
    expect(inputs.passwordRequests).toEqual([{ id: 1, name: 'site.p12', reason: 'password-required' }]);
    expect(inputs.items[0].rows).toEqual([]);
    expect(inputs.items[1].error).toMatch(/not a certificate/);
    expect(await inputs.submitPassword(1, 'wrong')).toBe(false);
    expect(inputs.passwordRequests).toEqual([{ id: 1, name: 'site.p12', reason: 'wrong-password' }]);
    expect(await inputs.submitPassword(1, 'right')).toBe(true);
    expect(inputs.passwordRequests).toEqual([]);
    expect(inputs.items[0].rows.map((row) => row.subjectName)).toEqual(['site.example']);
    expect(inputs.items[0].notes).toEqual([
      expect.stringMatching(
        /^Private key \(EC P-256, encrypted\): belongs to CN=site\.example\. The key itself was not kept\.$/,
      ),
    ]);
    expect(inputs.items[0].error).toBeUndefined();
  });

  it('skipping keeps the file with its message and asks no more', async () => {
    const inputs = useInputsStore();
    await inputs.addFiles([file('site.p12')]);
    inputs.skipPassword(1);
    expect(inputs.passwordRequests).toEqual([]);
    expect(inputs.items[0].error).toMatch(/password/i);
    expect(await inputs.submitPassword(1, 'right')).toBe(false);
  });

  it('a key dropped in one file belongs to a certificate dropped in another', async () => {
    const inputs = useInputsStore();
    await inputs.addFiles([file('site.key')]);
    expect(inputs.items[0].notes[0]).toContain('matches no certificate loaded here');
    await inputs.addFiles([file('site.pem')]);
    expect(inputs.items[0].notes[0]).toContain('belongs to CN=site.example');
    inputs.remove(2);
    expect(inputs.items[0].notes[0]).toContain('matches no certificate loaded here');
  });
});

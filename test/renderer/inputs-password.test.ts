/**
 * The inputs store with files that need a password: a PKCS#12 file waits for one (asked once per
 * file), a wrong one is said and the file keeps waiting, the right one loads the certificate and
 * its key (matched), skipping leaves the file with its message; keys match certificates in other
 * files of the drop. The files are made with openssl by the renderer project's global setup
 * (test/support/renderer-fixtures.ts).
 */
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { useInputsStore } from '../../src-renderer/src/stores/inputs';

declare module 'vitest' {
  export interface ProvidedContext {
    opensslFixtures: Record<'site.p12' | 'site.pem' | 'site.key', string>;
  }
}

describe('inputs store: passwords and keys', () => {
  const fixtures = inject('opensslFixtures');
  const file = (name: string) => {
    if (name === 'notes.txt') return { name, bytes: new TextEncoder().encode('not a certificate') };
    const base64 = fixtures[name as keyof typeof fixtures];
    return { name, bytes: Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)) };
  };
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

/**
 * Vitest global setup for the renderer project: inputs that need openssl (a PKCS#12 file and its
 * certificate and key, made fresh each run) handed to the happy-dom tests with `provide`, so those
 * tests need no Node APIs and no key is ever committed.
 */
import type { TestProject } from 'vitest/node';
import { opensslWorkspace } from './openssl';

export default function setup(project: TestProject): () => void {
  const lab = opensslWorkspace('renderer-fixtures');
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
  const base64 = (name: string) => Buffer.from(lab.read(name)).toString('base64');
  project.provide('opensslFixtures', {
    'site.p12': base64('site.p12'),
    'site.pem': base64('site.pem'),
    'site.key': base64('site.key'),
  });
  return () => lab.remove();
}

declare module 'vitest' {
  export interface ProvidedContext {
    opensslFixtures: Record<'site.p12' | 'site.pem' | 'site.key', string>;
  }
}

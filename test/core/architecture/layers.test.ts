/** The layer rule of eslint.config.js: src-core folders import only the layers below them. */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result.messages.filter((message) => message.ruleId === 'certscope/layers').map((m) => m.message);
}

describe('certscope/layers', () => {
  it('lets a layer import the layers below it', async () => {
    expect(
      await layerErrors('src-core/verify/x.ts', "import { a } from '../x509/certificate';\nexport { a };\n"),
    ).toEqual([]);
    expect(
      await layerErrors(
        'src-core/pkcs/x.ts',
        "import type { A } from '../x509/model';\nexport type { A };\n",
      ),
    ).toEqual([]);
  });

  it('refuses an upward or sideways import, static, dynamic or type-only', async () => {
    expect(
      await layerErrors('src-core/x509/x.ts', "import { a } from '../crypto/signature';\nexport { a };\n"),
    ).toEqual([expect.stringMatching(/src-core\/x509 must not import src-core\/crypto/)]);
    expect(
      await layerErrors('src-core/x509/x.ts', "import type { A } from '../pkcs/keys';\nexport type { A };\n"),
    ).toHaveLength(1);
    expect(
      await layerErrors('src-core/asn1/x.ts', "export const m = () => import('../x509/name');\n"),
    ).toHaveLength(1);
    expect(await layerErrors('src-core/x509/x.ts', "export * from '../tls/types';\n")).toHaveLength(1);
  });

  it('keeps pkijs and asn1js out of the core, even loaded lazily', async () => {
    expect(await layerErrors('src-core/verify/x.ts', "export const load = () => import('pkijs');\n")).toEqual(
      [expect.stringMatching(/no pkijs/)],
    );
    expect(
      await layerErrors(
        'src-core/x509/x.ts',
        "import type * as asn1js from 'asn1js';\nexport type A = asn1js.Null;\n",
      ),
    ).toHaveLength(1);
  });

  it('asks for a new folder to be placed in the order', async () => {
    expect(
      await layerErrors('src-core/verify/x.ts', "import { a } from '../newfolder/a';\nexport { a };\n"),
    ).toEqual([expect.stringMatching(/src-core\/newfolder is not in the layer order/)]);
  });
});

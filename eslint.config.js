// ESLint flat config: TypeScript everywhere, Vue SFCs in the renderer, and the architecture's
// boundaries as rules (a pure core; raw IPC only in the two IPC modules).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import layers from './scripts/eslint-layers.mjs';

const bareNodeModules = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'crypto',
  'net',
  'tls',
  'http',
  'https',
  'child_process',
  'dns',
  'stream',
  'buffer',
  'url',
];

/** Bans bare module names exactly (so `../tls/types` stays allowed) plus every `node:` import. */
function restrictImports(names, message) {
  return [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: [{ group: ['node:*'], message }],
    },
  ];
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The pure core runs unchanged in Node and in the renderer, in layers that import only downward.
    files: ['src-core/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { certscope: layers },
    rules: {
      'certscope/layers': 'error',
      'no-restricted-imports': restrictImports(
        [...bareNodeModules, 'electron', 'vue', 'pinia'],
        'src-core is pure: no Node, Electron or Vue imports.',
      ),
    },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        [...bareNodeModules, 'electron'],
        'This code runs in the renderer: no Node or Electron imports.',
      ),
    },
  },
  {
    // Components talk to stores; only stores (and a few composables) call the API client.
    files: ['src-renderer/src/components/**', 'src-renderer/src/App.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...bareNodeModules, 'electron'].map((name) => ({
            name,
            message: 'This code runs in the renderer: no Node or Electron imports.',
          })),
          patterns: [
            { group: ['node:*'], message: 'This code runs in the renderer: no Node or Electron imports.' },
            { group: ['**/api/client'], message: 'Components call stores, not the API client.' },
          ],
        },
      ],
    },
  },
  {
    // Raw IPC only in the two IPC modules; everything else goes through the typed contract.
    files: ['src-main/**'],
    ignores: ['src-main/ipc.ts', 'src-main/preload/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcMain']",
          message: 'Use src-main/ipc.ts (typed handlers).',
        },
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Use the preload (typed API).' },
      ],
    },
  },
);

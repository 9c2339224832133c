import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { metaContentSecurityPolicy } from './src-main/security/csp';

/** Built pages carry the CSP in a meta tag too (the dev server injects inline styles, so not there). */
const cspMeta = {
  name: 'certscope-csp-meta',
  apply: 'build' as const,
  transformIndexHtml: (html: string) =>
    html.replace(
      '<head>',
      `<head>\n    <meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy}" />`,
    ),
};

export default defineConfig({
  main: {
    build: {
      // Printing PDFs (CLI --pdf, web mode) loads playwright-core at run time; bundled it breaks.
      externalizeDeps: { include: ['playwright-core'] },
      rolldownOptions: {
        input: {
          // The Electron main process, the web-mode server and the CLI share the services.
          index: resolve('src-main/index.ts'),
          web: resolve('src-main/web/entry.ts'),
          cli: resolve('src-main/cli/entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads must be a single CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    plugins: [vue(), cspMeta],
    // The verification worker is a module worker: the core's lazily loaded parts split off as in the page.
    // Its entry asks V8 to compile every function as it loads (an explicit compile hint): the worker
    // starts with the page, so the first verdict doesn't wait for the verifier to be compiled.
    worker: {
      format: 'es',
      rolldownOptions: {
        output: { banner: (chunk) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad' : '') },
      },
    },
    build: {
      rolldownOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});

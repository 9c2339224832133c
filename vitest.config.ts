import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// One runner, several projects: the core and the Node services run in Node, stores and
// components in happy-dom, end-to-end tests drive Debian's Chromium against web mode.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/conformance/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'main',
          environment: 'node',
          include: [
            'test/main/**/*.test.ts',
            'test/lab/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'test/servers/**/*.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Real OpenSSL, Go, Java and Chromium asked for their verdicts (test/clients/README.md).
        test: {
          name: 'clients',
          environment: 'node',
          include: ['test/clients/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
          globalSetup: ['test/support/renderer-fixtures.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'electron',
          environment: 'node',
          include: ['test/electron/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

// `npm test`: unit and end-to-end tests over loopback HTTP. Browser tests run separately
// (`npm run test:browser`, vitest.browser.config.ts) because they need Chromium.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    globalSetup: ['tests/global-setup.ts'],
    pool: 'forks',
    // Test files share a worker's module cache instead of re-importing Bolt, botbuilder and the
    // core for each file: most of the suite's time used to be spent importing. Files must not
    // leave global state behind (each server, database and environment is created per test).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

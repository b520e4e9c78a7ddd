import { defineConfig } from 'vitest/config';

// `npm test`: unit and end-to-end tests over loopback HTTP. Browser tests run separately
// (`npm run test:browser`, vitest.browser.config.ts) because they need Chromium.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

import { defineConfig } from 'vitest/config';

// `npm run test:browser`: drives the web chat and the HTML report in headless Chromium.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

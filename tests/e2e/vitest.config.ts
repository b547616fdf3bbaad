import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension in Debian's Chromium; run after `npm run build`.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 120000,
    hookTimeout: 120000,
    fileParallelism: false,
  },
});

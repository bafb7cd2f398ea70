import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // End-to-end lab tests share network namespaces; they run one file at a time.
    fileParallelism: true,
    reporters: ['default'],
  },
});

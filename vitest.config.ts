import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // `npm test` runs the lab's namespace tests in a second, sequential pass (`test:lab`): their
    // timing must not compete with the rest of the suite for this machine's two cores.
    fileParallelism: true,
    reporters: ['default'],
  },
});

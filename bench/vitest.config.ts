import { defineConfig } from 'vitest/config';

/** The smoke test boots real processes (mock upstream, gateway) and drives a tiny load: give it time. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs'],
    testTimeout: 170_000,
    hookTimeout: 60_000,
  },
});

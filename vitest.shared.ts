import { defineConfig } from 'vitest/config';

/** Shared by every package: tests import workspace packages from source (the `source` export condition). */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});

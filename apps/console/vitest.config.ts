import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// A browser and a gateway process per file: slower to start than the packages' tests.
export default mergeConfig(shared, { test: { testTimeout: 30_000, hookTimeout: 60_000 } });

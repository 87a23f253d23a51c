/** The shared gateway behaviour suite on the real bun binary, started as `bun dist/server.js` with the settings in its environment. */
import { describeGatewayBehaviour } from '@ai-gateway/testing';
import { startBun } from './start-bun.js';

describeGatewayBehaviour('bun', (environment) => startBun(environment), {
  // Bun's fetch up to 1.3.13 sends a POST again when a reused keep-alive connection is reset
  // mid-answer, and splices the second answer onto the first (oven-sh/bun#28706; 1.3.12 still
  // does, 1.3.14 does not). The package's bun is 1.3.1, so a stream cut off upstream reaches the
  // client twice over and the upstream is called twice.
  resendsAfterBrokenAnswer: 'bun 1.3.1 re-sends a call whose reused connection breaks mid-answer (oven-sh/bun#28706)',
});

/** The gateway on the real bun binary (from the `bun` npm package), as `bun dist/server.js` starts it. */
import { describeRuntimeConformance } from '@ai-gateway/testing';
import { startBun } from './start-bun.js';

describeRuntimeConformance('bun', () => startBun());

/**
 * Operators hear when a circuit opens and closes, and never a key. Core behaviour, tested on core's
 * gateway only: the log lines are read from a logger object, which only a gateway built in this
 * process can be handed (the shared suite checks the circuit itself on every runtime).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentOf, failing, named, postChat, recordingLogger, startMockUpstream, target, type MockUpstream, type RunningRuntime } from '@ai-gateway/testing';
import { startCoreGateway } from './start-core-gateway.js';

const logger = recordingLogger();
let flaky: MockUpstream;
let gateway: RunningRuntime;

beforeAll(async () => {
  flaky = await startMockUpstream(failing(503));
  gateway = await startCoreGateway({ AI_GATEWAY_CIRCUIT_FAILURES: '2', AI_GATEWAY_CIRCUIT_COOLDOWN_MS: '100' }, { logger });
});
afterAll(async () => {
  await gateway.close();
  await flaky.close();
});

describe('circuit breaker log lines', () => {
  it('warn when a circuit opens and tell when it closes, without the key', async () => {
    const config = target(flaky, { api_key: 'sk-test-circuit-key' });
    await (await postChat(gateway, config)).arrayBuffer();
    await (await postChat(gateway, config)).arrayBuffer();
    expect(logger.lines.some((line) => line.level === 'warn' && line.message === 'circuit opened')).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 150));
    flaky.setHandler(named('recovered'));
    expect(await contentOf(await postChat(gateway, config))).toBe('recovered');
    expect(logger.lines.some((line) => line.message === 'circuit closed')).toBe(true);
    expect(JSON.stringify(logger.lines)).not.toContain('sk-test-circuit-key');
  });
});

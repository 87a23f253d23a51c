/**
 * Log lines name the targets they are about; a custom host can carry credentials in its userinfo
 * or query, and none of them may reach a log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/index.js';
import { closedPort, postChat, recordingLogger } from '@ai-gateway/testing';
import { startTestGateway } from '../node-harness.js';

const logger = recordingLogger();
let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ logger, circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 } });
});

afterAll(async () => {
  await gateway.close();
});

describe('log lines', () => {
  it('never show the userinfo or query values of a custom host', async () => {
    const customHost = `http://admin:USERINFO-SECRET@127.0.0.1:${await closedPort()}/v1?api-key=QUERY-SECRET`;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await postChat(gateway, { provider: 'openai', api_key: 'sk-KEY-SECRET', custom_host: customHost });
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(await response.text()).not.toMatch(/SECRET/);
    }
    const opened = logger.lines.find((line) => line.message === 'circuit opened');
    expect(opened).toBeDefined();
    const written = JSON.stringify(logger.lines);
    expect(written).toContain('127.0.0.1');
    expect(written).not.toMatch(/SECRET/);
  });
});

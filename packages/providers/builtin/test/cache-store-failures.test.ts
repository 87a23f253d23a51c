/**
 * A cache store that fails never holds up or fails a request. Core behaviour, tested on core's
 * gateway only: a store object can only be handed to a gateway built in this process (the shared
 * suite starts other runtimes with settings alone).
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheStore } from '@ai-gateway/core';
import { chatCompletion, recordingLogger, sendJson, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { startCoreGateway } from './start-core-gateway.js';

let upstream: MockUpstream;
let calls = 0;

beforeAll(async () => {
  upstream = await startMockUpstream((request, response) => sendJson(response, 200, chatCompletion(request.json.model, `answer ${++calls}`)));
});
afterAll(() => upstream.close());

function clientFor(url: string) {
  const config = { cache: { mode: 'simple' }, provider: 'openai', custom_host: `${upstream.origin}/v1` };
  return new OpenAI({ apiKey: 'sk-cache-test', baseURL: `${url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-config': JSON.stringify(config) } });
}

describe('a cache store that fails', () => {
  it('never holds a request up: the write is not waited for', async () => {
    calls = 0;
    const hangingStore: CacheStore = { name: 'hanging', get: async () => undefined, set: () => new Promise(() => {}) };
    const gateway = await startCoreGateway({}, { cacheStore: hangingStore });
    try {
      const answer = await clientFor(gateway.url).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hanging store' }] }).withResponse();
      expect(answer.response.headers.get('x-portkey-cache-status')).toBe('MISS');
      expect(answer.data.choices[0].message.content).toBe('answer 1');
    } finally {
      await gateway.close();
    }
  });

  it('never fails a request: it goes to the upstream, and the operator is told once', async () => {
    calls = 0;
    const logger = recordingLogger();
    const brokenStore: CacheStore = {
      name: 'broken',
      get: () => Promise.reject(new Error('store is down')),
      set: () => Promise.reject(new Error('store is down')),
    };
    const gateway = await startCoreGateway({}, { cacheStore: brokenStore, logger });
    try {
      const client = clientFor(gateway.url);
      for (let request = 1; request <= 3; request += 1) {
        const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'broken store' }] });
        expect(answer.choices[0].message.content).toBe(`answer ${request}`);
      }
      const warnings = logger.lines.filter((line) => line.level === 'warn' && line.message.includes('[cache] [broken]'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0].fields?.error).toBe('store is down');
    } finally {
      await gateway.close();
    }
  });
});

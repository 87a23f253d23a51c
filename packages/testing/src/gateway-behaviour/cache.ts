/**
 * The response cache (in memory, the default): hits, misses and what keys an entry, refresh,
 * max_age, errors and broken streams never cached, streams replayed as server-sent events.
 */
import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { failing, sequence, slowStream } from '../upstream-handlers.js';
import { cacheStatus, chatBody, numberedAnswers, useCacheHarness } from './cache-harness.js';
import type { GatewayBehaviourOptions, StartGateway } from './harness.js';

export function describeCache(name: string, start: StartGateway, options: GatewayBehaviourOptions = {}): void {
  describe(`cache on ${name}`, () => {
    const harness = useCacheHarness(start);
    const { clientFor } = harness;

    it('answers a repeated chat completion from the cache, without calling the upstream', async () => {
      const client = clientFor();
      const body = chatBody();
      const first = await client.chat.completions.create(body).withResponse();
      expect(cacheStatus(first.response)).toBe('MISS');
      expect(harness.upstream.requests).toHaveLength(1);

      const second = await client.chat.completions.create(body).withResponse();
      expect(cacheStatus(second.response)).toBe('HIT');
      expect(second.response.headers.get('x-portkey-trace-id')).toBeTruthy();
      expect(second.response.headers.get('content-type')).toBe('application/json');
      expect(second.data).toEqual(first.data);
      expect(second.data.choices[0].message.content).toBe('answer 1');
      expect(harness.upstream.requests).toHaveLength(1);
    });

    it('misses for a different body, a different API key and a different namespace', async () => {
      const body = chatBody();
      await clientFor().chat.completions.create(body);
      await clientFor().chat.completions.create({ temperature: 0.5, ...body });
      await clientFor({ apiKey: 'sk-someone-else' }).chat.completions.create(body);
      const namespaced = clientFor({ headers: { 'x-portkey-cache-namespace': 'user-1' } });
      const inNamespace = await namespaced.chat.completions.create(body).withResponse();
      expect(cacheStatus(inNamespace.response)).toBe('MISS');
      expect(harness.upstream.requests).toHaveLength(4);

      // Each of them is now cached in its own entry.
      const again = await namespaced.chat.completions.create(body).withResponse();
      expect(cacheStatus(again.response)).toBe('HIT');
      expect(again.data.choices[0].message.content).toBe('answer 4');
      const otherKey = await clientFor({ apiKey: 'sk-someone-else' }).chat.completions.create(body);
      expect(otherKey.choices[0].message.content).toBe('answer 3');
      expect(harness.upstream.requests).toHaveLength(4);
    });

    it('x-portkey-cache-force-refresh goes to the upstream and replaces the entry', async () => {
      const body = chatBody();
      expect((await clientFor().chat.completions.create(body)).choices[0].message.content).toBe('answer 1');
      const refreshed = await clientFor({ headers: { 'x-portkey-cache-force-refresh': 'true' } }).chat.completions.create(body).withResponse();
      expect(cacheStatus(refreshed.response)).toBe('REFRESH');
      expect(refreshed.data.choices[0].message.content).toBe('answer 2');
      expect(harness.upstream.requests).toHaveLength(2);

      const next = await clientFor().chat.completions.create(body).withResponse();
      expect(cacheStatus(next.response)).toBe('HIT');
      expect(next.data.choices[0].message.content).toBe('answer 2');
      expect(harness.upstream.requests).toHaveLength(2);
    });

    it('forgets an answer after max_age seconds', async () => {
      const client = clientFor({ config: harness.cacheConfig({ mode: 'simple', max_age: 1 }) });
      const body = chatBody();
      await client.chat.completions.create(body);
      expect(cacheStatus((await client.chat.completions.create(body).withResponse()).response)).toBe('HIT');
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const expired = await client.chat.completions.create(body).withResponse();
      expect(cacheStatus(expired.response)).toBe('MISS');
      expect(expired.data.choices[0].message.content).toBe('answer 2');
      expect(harness.upstream.requests).toHaveLength(2);
    });

    it('never caches errors', async () => {
      harness.upstream.setHandler(sequence(failing(500), failing(400), numberedAnswers()));
      const client = clientFor();
      const body = chatBody();
      for (const status of [500, 400]) {
        const error = await client.chat.completions.create(body).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(APIError);
        expect((error as APIError).status).toBe(status);
        expect((error as APIError).headers?.get('x-portkey-cache-status')).toBe('MISS');
      }
      const success = await client.chat.completions.create(body).withResponse();
      expect(cacheStatus(success.response)).toBe('MISS');
      expect(cacheStatus((await client.chat.completions.create(body).withResponse()).response)).toBe('HIT');
      expect(harness.upstream.requests).toHaveLength(3);
    });

    it('caches a stream that ended cleanly and replays it as server-sent events', async () => {
      const client = clientFor();
      const body = { stream: true as const, ...chatBody() };
      const read = async () => {
        const { data, response } = await client.chat.completions.create(body).withResponse();
        let text = '';
        for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? '';
        return { text, response };
      };
      const first = await read();
      expect(first.text).toBe('answer 1');
      expect(cacheStatus(first.response)).toBe('MISS');
      const second = await read();
      expect(second.text).toBe('answer 1');
      expect(cacheStatus(second.response)).toBe('HIT');
      expect(second.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(harness.upstream.requests).toHaveLength(1);

      // The streamed and the plain request are different questions.
      const plain = await client.chat.completions.create(chatBody(body.messages[0].content as string)).withResponse();
      expect(cacheStatus(plain.response)).toBe('MISS');
    });

    it.skipIf(options.resendsAfterBrokenAnswer)('does not cache a stream that broke off', async () => {
      harness.upstream.setHandler(slowStream({ count: 6, intervalMs: 5, destroyAfter: 3 }));
      const client = clientFor();
      const body = { stream: true as const, ...chatBody() };
      const broken = await (async () => {
        for await (const _chunk of await client.chat.completions.create(body));
      })().catch((error: unknown) => error);
      expect(broken).toBeInstanceOf(Error);

      harness.upstream.setHandler(numberedAnswers());
      const retried = await client.chat.completions.create(body).withResponse();
      for await (const _chunk of retried.data);
      expect(cacheStatus(retried.response)).toBe('MISS');
      expect(harness.upstream.requests).toHaveLength(2);
    });
  });
}

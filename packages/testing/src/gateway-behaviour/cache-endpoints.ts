/** Which endpoints and modes the response cache covers, and that requests without a cache config are never cached. */
import { describe, expect, it } from 'vitest';
import { healthy } from '../upstream-handlers.js';
import { cacheStatus, chatBody, uniquePrompt, useCacheHarness } from './cache-harness.js';
import type { StartGateway } from './harness.js';

export function describeCacheEndpoints(name: string, start: StartGateway): void {
  describe(`what the cache covers on ${name}`, () => {
    const harness = useCacheHarness(start);
    const { clientFor } = harness;

    it('caches completions, embeddings and image generations', async () => {
      harness.upstream.setHandler(healthy);
      const client = clientFor();
      const prompt = uniquePrompt('complete');
      await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt });
      const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt }).withResponse();
      expect(cacheStatus(completion.response)).toBe('HIT');
      expect(completion.data.choices[0].text).toBe(' completed text');

      const input = [uniquePrompt('embed'), 'two'];
      const embedded = await client.embeddings.create({ model: 'text-embedding-3-small', input });
      const embeddedAgain = await client.embeddings.create({ model: 'text-embedding-3-small', input }).withResponse();
      expect(cacheStatus(embeddedAgain.response)).toBe('HIT');
      expect(embeddedAgain.data.data).toEqual(embedded.data);

      const imagePrompt = uniquePrompt('a lighthouse, take');
      await client.images.generate({ model: 'dall-e-3', prompt: imagePrompt });
      const image = await client.images.generate({ model: 'dall-e-3', prompt: imagePrompt }).withResponse();
      expect(cacheStatus(image.response)).toBe('HIT');
      expect(image.data.data?.[0].revised_prompt).toBe(imagePrompt);
      expect(harness.upstream.requests).toHaveLength(3);
    });

    it('semantic mode matches exactly, and leaves image generations alone', async () => {
      harness.upstream.setHandler(healthy);
      const client = clientFor({ config: harness.cacheConfig({ mode: 'semantic' }) });
      const body = chatBody('What is the capital of France?');
      await client.chat.completions.create(body);
      expect(cacheStatus((await client.chat.completions.create(body).withResponse()).response)).toBe('HIT');
      const reworded = await client.chat.completions.create(chatBody('Which city is the capital of France?')).withResponse();
      expect(cacheStatus(reworded.response)).toBe('MISS');

      const imagePrompt = uniquePrompt('semantic lighthouse');
      await client.images.generate({ model: 'dall-e-3', prompt: imagePrompt });
      const image = await client.images.generate({ model: 'dall-e-3', prompt: imagePrompt }).withResponse();
      expect(cacheStatus(image.response)).toBe('DISABLED');
      expect(harness.upstream.requests).toHaveLength(4);
    });

    it('passes other endpoints through, and requests without a cache config always reach the upstream', async () => {
      harness.upstream.setHandler(healthy);
      const speech = await clientFor().audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello' });
      await clientFor().audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello' });
      expect(cacheStatus(speech)).toBe('DISABLED');

      const uncached = clientFor({ config: null, headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${harness.upstream.origin}/v1` } });
      const body = chatBody();
      await uncached.chat.completions.create(body);
      const second = await uncached.chat.completions.create(body).withResponse();
      expect(cacheStatus(second.response)).toBe('DISABLED');
      expect(harness.upstream.requests).toHaveLength(4);
    });
  });
}

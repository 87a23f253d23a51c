/**
 * The official openai SDK on every endpoint the gateway serves, forwarded to a mock OpenAI
 * upstream on 127.0.0.1: asserts what reached the upstream and what came back.
 */
import { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { mockChatText, mockEmbedding, mockSpeechBytes, mockStreamPieces } from '../openai-mock.js';
import type { StartGateway } from './harness.js';
import { clientApiKey, useOpenAIHarness } from './openai-harness.js';

export function describeOpenAIApi(name: string, start: StartGateway): void {
  describe(`OpenAI API on ${name}`, () => {
    const harness = useOpenAIHarness(start);

    it('answers a chat completion and forwards path, key and body untouched, with the upstream and trace headers', async () => {
      const response = await harness.client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2, some_future_param: { nested: true } } as never, { headers: { 'x-portkey-trace-id': `trace-${name}` } })
        .withResponse();

      expect(response.data.choices[0].message.content).toBe(mockChatText);
      expect(response.data.usage?.total_tokens).toBe(14);
      expect(response.response.headers.get('x-request-id')).toBe('req_mock_1');
      expect(response.response.headers.get('x-portkey-trace-id')).toBe(`trace-${name}`);
      expect(response.response.headers.get('x-portkey-cache-status')).toBe('DISABLED');

      const received = harness.lastUpstreamRequest();
      expect(received.method).toBe('POST');
      expect(received.url).toBe('/v1/chat/completions');
      expect(received.headers.authorization).toBe(`Bearer ${clientApiKey}`);
      expect(received.json).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2, some_future_param: { nested: true } });
      // The gateway's own headers stay at the gateway.
      expect(received.headers['x-portkey-provider']).toBeUndefined();
      expect(received.headers['x-portkey-custom-host']).toBeUndefined();
    });

    it('gives a trace id to a request that brings none', async () => {
      const { response } = await harness.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
      expect(response.headers.get('x-portkey-trace-id')).toBeTruthy();
    });

    it('streams a chat completion chunk by chunk', async () => {
      const stream = await harness.client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Stream please' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const pieces: string[] = [];
      let usageTotal: number | undefined;
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta?.content;
        if (content) pieces.push(content);
        if (chunk.usage) usageTotal = chunk.usage.total_tokens;
      }
      expect(pieces).toEqual(mockStreamPieces);
      expect(usageTotal).toBe(9 + mockStreamPieces.length);
      expect(harness.lastUpstreamRequest().json.stream).toBe(true);
    });

    it('answers legacy completions', async () => {
      const completion = await harness.client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say' });
      expect(completion.choices[0].text).toBe(' completed text');
      expect(harness.lastUpstreamRequest().url).toBe('/v1/completions');
    });

    it('answers embeddings in the base64 encoding the SDK asks for by default', async () => {
      const embeddings = await harness.client.embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'] });
      expect(harness.lastUpstreamRequest().json.encoding_format).toBe('base64');
      expect(embeddings.data).toHaveLength(2);
      expect(embeddings.data[1].embedding).toEqual(mockEmbedding);
    });

    it('generates images', async () => {
      const images = await harness.client.images.generate({ model: 'dall-e-3', prompt: 'a lighthouse' });
      expect(images.data?.[0].url).toBe('https://images.example/mock.png');
      expect(harness.lastUpstreamRequest().url).toBe('/v1/images/generations');
    });

    it('returns speech audio as bytes', async () => {
      const speech = await harness.client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello' });
      expect(speech.headers.get('content-type')).toBe('audio/mpeg');
      expect(Buffer.from(await speech.arrayBuffer())).toEqual(mockSpeechBytes);
    });

    it('passes multipart audio uploads through for transcriptions and translations', async () => {
      const audio = Buffer.alloc(2048, 7);
      const transcription = await harness.client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(audio, 'clip.mp3') });
      const received = harness.lastUpstreamRequest();
      expect(received.url).toBe('/v1/audio/transcriptions');
      expect(received.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(received.body.includes(audio)).toBe(true);
      expect(transcription.text).toBe(`heard ${received.body.length} bytes`);

      const translation = await harness.client.audio.translations.create({ model: 'whisper-1', file: await toFile(audio, 'clip.mp3') });
      expect(harness.lastUpstreamRequest().url).toBe('/v1/audio/translations');
      expect(translation.text).toMatch(/^heard \d+ bytes$/);
    });

    it('lists models', async () => {
      const models = await harness.client.models.list();
      expect(models.data.map((model) => model.id)).toEqual(['gpt-4o-mini']);
      expect(harness.lastUpstreamRequest().method).toBe('GET');
    });

    it('passes any other /v1 path through with its method and query string', async () => {
      const batch = await harness.client.post('/batches?beta=1', { body: { input_file_id: 'file-1', endpoint: '/v1/chat/completions' } });
      expect(batch).toEqual({ echo: { method: 'POST', url: '/v1/batches?beta=1', body: { input_file_id: 'file-1', endpoint: '/v1/chat/completions' } } });
      await harness.client.files.delete('file-abc');
      expect(harness.lastUpstreamRequest()).toMatchObject({ method: 'DELETE', url: '/v1/files/file-abc' });
    });

    it('answers GET / with 200', async () => {
      const response = await fetch(harness.gateway.url);
      expect(response.status).toBe(200);
    });
  });
}

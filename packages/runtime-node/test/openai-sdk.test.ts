/**
 * The official openai SDK against the real Node gateway, which forwards to a mock OpenAI upstream
 * on 127.0.0.1 via `x-portkey-custom-host`. Asserts both what reached the upstream and what came back.
 */
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockChatText, mockEmbedding, mockSpeechBytes, mockStreamPieces, openAIMockHandler, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { startGateway, type RunningGateway } from '../src/index.js';

let upstream: MockUpstream;
let gateway: RunningGateway;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startMockUpstream(openAIMockHandler());
  gateway = await startGateway({ port: 0, host: '127.0.0.1' });
  client = new OpenAI({
    apiKey: 'sk-test-key',
    baseURL: `${gateway.url}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` },
  });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

function lastUpstreamRequest() {
  return upstream.requests[upstream.requests.length - 1];
}

describe('OpenAI API through the gateway', () => {
  it('answers a chat completion and forwards path, key and body untouched', async () => {
    const response = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2, some_future_param: { nested: true } } as never)
      .withResponse();

    expect(response.data.choices[0].message.content).toBe(mockChatText);
    expect(response.data.usage?.total_tokens).toBe(14);
    expect(response.response.headers.get('x-request-id')).toBe('req_mock_1');
    expect(response.response.headers.get('x-portkey-trace-id')).toBeTruthy();

    const received = lastUpstreamRequest();
    expect(received.method).toBe('POST');
    expect(received.url).toBe('/v1/chat/completions');
    expect(received.headers.authorization).toBe('Bearer sk-test-key');
    expect(received.json).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2, some_future_param: { nested: true } });
    // The gateway's own headers stay at the gateway.
    expect(received.headers['x-portkey-provider']).toBeUndefined();
    expect(received.headers['x-portkey-custom-host']).toBeUndefined();
  });

  it('streams a chat completion chunk by chunk', async () => {
    const stream = await client.chat.completions.create({
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
    expect(lastUpstreamRequest().json.stream).toBe(true);
  });

  it('answers legacy completions', async () => {
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say' });
    expect(completion.choices[0].text).toBe(' completed text');
    expect(lastUpstreamRequest().url).toBe('/v1/completions');
  });

  it('answers embeddings in the base64 encoding the SDK asks for by default', async () => {
    const embeddings = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'] });
    expect(lastUpstreamRequest().json.encoding_format).toBe('base64');
    expect(embeddings.data).toHaveLength(2);
    expect(embeddings.data[1].embedding).toEqual(mockEmbedding);
  });

  it('generates images', async () => {
    const images = await client.images.generate({ model: 'dall-e-3', prompt: 'a lighthouse' });
    expect(images.data?.[0].url).toBe('https://images.example/mock.png');
    expect(lastUpstreamRequest().url).toBe('/v1/images/generations');
  });

  it('returns speech audio as bytes', async () => {
    const speech = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello' });
    expect(speech.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await speech.arrayBuffer())).toEqual(mockSpeechBytes);
  });

  it('passes multipart audio uploads through for transcriptions and translations', async () => {
    const audio = Buffer.alloc(2048, 7);
    const transcription = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(audio, 'clip.mp3') });
    const received = lastUpstreamRequest();
    expect(received.url).toBe('/v1/audio/transcriptions');
    expect(received.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(received.body.includes(audio)).toBe(true);
    expect(transcription.text).toBe(`heard ${received.body.length} bytes`);

    const translation = await client.audio.translations.create({ model: 'whisper-1', file: await toFile(audio, 'clip.mp3') });
    expect(lastUpstreamRequest().url).toBe('/v1/audio/translations');
    expect(translation.text).toMatch(/^heard \d+ bytes$/);
  });

  it('lists models', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['gpt-4o-mini']);
    expect(lastUpstreamRequest().method).toBe('GET');
  });

  it('passes any other /v1 path through with its method and query string', async () => {
    const batch = await client.post('/batches?beta=1', { body: { input_file_id: 'file-1', endpoint: '/v1/chat/completions' } });
    expect(batch).toEqual({ echo: { method: 'POST', url: '/v1/batches?beta=1', body: { input_file_id: 'file-1', endpoint: '/v1/chat/completions' } } });
    await client.files.delete('file-abc');
    expect(lastUpstreamRequest()).toMatchObject({ method: 'DELETE', url: '/v1/files/file-abc' });
  });
});

describe('request headers', () => {
  it('echoes a given trace id', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-1', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1`, 'x-portkey-trace-id': 'trace-123' },
      body: JSON.stringify({ model: 'm', messages: [] }),
    });
    expect(response.headers.get('x-portkey-trace-id')).toBe('trace-123');
  });

  it('forwards only the headers x-portkey-forward-headers names', async () => {
    await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', authorization: 'Bearer sk-1', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1`,
        'x-portkey-forward-headers': 'x-tenant, x-user', 'x-tenant': 'acme', 'x-user': 'ada', 'x-secret': 'keep-me-here',
      },
      body: JSON.stringify({ model: 'm', messages: [] }),
    });
    const received = lastUpstreamRequest();
    expect(received.headers['x-tenant']).toBe('acme');
    expect(received.headers['x-user']).toBe('ada');
    expect(received.headers['x-secret']).toBeUndefined();
  });

  it('sends provider settings from x-portkey-* headers upstream as the provider\'s own headers', async () => {
    await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', authorization: 'Bearer sk-1', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1`,
        'X-Portkey-OpenAI-Organization': 'org-acme', 'x-portkey-openai-project': 'proj-7',
      },
      body: JSON.stringify({ model: 'm', messages: [] }),
    });
    const received = lastUpstreamRequest();
    expect(received.headers['openai-organization']).toBe('org-acme');
    expect(received.headers['openai-project']).toBe('proj-7');
  });

  it('takes the provider key from x-portkey-api-key when there is no Authorization header', async () => {
    await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-api-key': 'sk-from-portkey-header', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` },
      body: JSON.stringify({ model: 'm', messages: [] }),
    });
    expect(lastUpstreamRequest().headers.authorization).toBe('Bearer sk-from-portkey-header');
  });

  it('routes by a single-target x-portkey-config and applies its override_params', async () => {
    const config = { targets: [{ provider: 'openai', api_key: 'sk-from-config', custom_host: `${upstream.origin}/v1`, override_params: { model: 'gpt-4o' } }] };
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-config': JSON.stringify(config) },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).model).toBe('gpt-4o');
    const received = lastUpstreamRequest();
    expect(received.headers.authorization).toBe('Bearer sk-from-config');
    expect(received.json.model).toBe('gpt-4o');
    expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[0]');
  });

  it('answers GET / with 200', async () => {
    const response = await fetch(gateway.url);
    expect(response.status).toBe(200);
  });
});

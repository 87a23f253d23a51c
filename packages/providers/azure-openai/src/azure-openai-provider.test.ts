/**
 * Azure OpenAI through the shared conformance suite, over Azure-format answers modelled on the API reference, in
 * `__fixtures__` (Azure adds content-filter fields and an empty-choices first chunk), plus what only
 * Azure has: its URLs, api-version, api-key vs Entra token, and byte-for-byte passthrough.
 */
import { readFileSync } from 'node:fs';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeProviderConformance, httpsImageUrl, mockSpeechBytes, pngDataUrl, sendEvents, sendJson, startMockUpstream, startTestGateway,
  type MockUpstream, type RecordedRequest, type TestGateway,
} from '@ai-gateway/testing';
import { azureOpenAIProvider } from './azure-openai-provider.js';
import { defaultApiVersion } from './azure-settings.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const json = (name: string) => JSON.parse(fixture(name));
/** A `.chunks.txt` fixture (one JSON chunk per line) as the server-sent events Azure streams. */
const events = (name: string) => [...fixture(name).trim().split('\n').map((line) => `data: ${line}\n\n`), 'data: [DONE]\n\n'];

const model = 'gpt-4o';
const apiVersion = '2024-10-21';

describeProviderConformance({
  provider: 'azure-openai',
  providers: [azureOpenAIProvider],
  model,
  headers: { 'x-portkey-azure-deployment-id': 'gpt-4o-prod', 'x-portkey-azure-api-version': apiVersion },
  customHost: (origin) => `${origin}/openai`,
  upstream: {
    chat: (_, response) => sendJson(response, 200, json('azure-chat.json')),
    chatStream: (_, response) => sendEvents(response, events('azure-text.chunks.txt')),
    toolCall: (_, response) => sendJson(response, 200, json('azure-tool-call.json')),
    toolCallStream: (_, response) => sendEvents(response, events('azure-tool-call.chunks.txt')),
    error: (_, response) => sendJson(response, 400, json('azure-error.json')),
  },
  expectChatRequest(request) {
    expect(request.url).toBe(`/openai/deployments/gpt-4o-prod/chat/completions?api-version=${apiVersion}`);
    expect(request.headers['api-key']).toBe('conformance-key');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.json).toEqual({ model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], max_tokens: 50, temperature: 0.3, stop: ['END'] });
  },
  expectStreamRequest(request) {
    expect(request.json.stream).toBe(true);
    expect(request.json.stream_options).toEqual({ include_usage: true });
  },
  expectToolRequest(request) {
    expect(request.json.tools[0].function.name).toBe('get_weather');
    expect(request.json.tool_choice).toBe('auto');
  },
  expectToolResultRequest(request) {
    expect(request.json.messages[1].tool_calls[0].id).toBe('call_1');
    expect(request.json.messages[2]).toEqual({ role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' });
  },
  expectVisionRequest(request) {
    expect(request.json.messages[0].content[1].image_url.url).toBe(httpsImageUrl);
    expect(request.json.messages[0].content[2].image_url.url).toBe(pngDataUrl);
  },
});

describe('azure-openai specifics', () => {
  let upstream: MockUpstream;
  let gateway: TestGateway;
  /** URLs the gateway asked for, before the test fetch sent them to the mock. */
  const requestedUrls: string[] = [];
  const last = (): RecordedRequest => upstream.requests[upstream.requests.length - 1];

  beforeAll(async () => {
    upstream = await startMockUpstream((_, response) => sendJson(response, 200, json('azure-chat.json')));
    // Real Azure hosts are routed to the local mock, so the default base URL is exercised too.
    const routeAzureToMock: typeof fetch = (input, init) => {
      const url = String(input);
      requestedUrls.push(url);
      return fetch(url.replace(/^https:\/\/[^/]+\.openai\.azure\.com/, upstream.origin), init);
    };
    gateway = await startTestGateway({ providers: [azureOpenAIProvider], fetch: routeAzureToMock, circuitBreaker: false });
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  function client(headers: Record<string, string>, apiKey = 'azure-key') {
    return new OpenAI({ apiKey, baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'azure-openai', ...headers } });
  }
  const resourceHeaders = { 'x-portkey-azure-resource-name': 'my-resource', 'x-portkey-azure-deployment-id': 'gpt-4o-prod' };
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi' }];

  it('calls https://{resource}.openai.azure.com/openai/deployments/{deployment}/... with the api version', async () => {
    await client({ ...resourceHeaders, 'x-portkey-azure-api-version': '2025-04-01-preview' }).chat.completions.create({ model, messages });
    expect(requestedUrls.at(-1)).toBe('https://my-resource.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2025-04-01-preview');
  });

  it('uses a GA api version when none is given', async () => {
    await client(resourceHeaders).chat.completions.create({ model, messages });
    expect(requestedUrls.at(-1)).toContain(`?api-version=${defaultApiVersion}`);
  });

  it('reads Portkey config fields (resource_name, deployment_id, api_version) as well as headers', async () => {
    const config = { provider: 'azure-openai', api_key: 'config-key', resource_name: 'config-resource', deployment_id: 'config-deployment', api_version: '2024-06-01' };
    await client({ 'x-portkey-config': JSON.stringify(config), ...resourceHeaders }).chat.completions.create({ model, messages });
    expect(requestedUrls.at(-1)).toBe('https://config-resource.openai.azure.com/openai/deployments/config-deployment/chat/completions?api-version=2024-06-01');
    expect(last().headers['api-key']).toBe('config-key');
  });

  it('sends the key as api-key, and an Entra token as Authorization: Bearer instead', async () => {
    await client(resourceHeaders).chat.completions.create({ model, messages });
    expect(last().headers['api-key']).toBe('azure-key');
    expect(last().headers.authorization).toBeUndefined();

    await client({ ...resourceHeaders, 'x-portkey-azure-ad-token': 'Bearer entra-token-1' }).chat.completions.create({ model, messages });
    expect(last().headers.authorization).toBe('Bearer entra-token-1');
    expect(last().headers['api-key']).toBeUndefined();
  });

  it('selects the v1 API with api_version "v1": /openai/v1/... and no api-version query', async () => {
    await client({ 'x-portkey-azure-resource-name': 'my-resource', 'x-portkey-azure-api-version': 'v1' }).chat.completions.create({ model: 'gpt-4o-prod', messages });
    expect(requestedUrls.at(-1)).toBe('https://my-resource.openai.azure.com/openai/v1/chat/completions');
    expect(last().json.model).toBe('gpt-4o-prod');
  });

  it('passes the body through byte for byte, unknown fields included', async () => {
    const body = '{"model":"gpt-4o",  "messages":[{"role":"user","content":"Hi"}],"data_sources":[{"type":"azure_search"}],"x_future":1}';
    const response = await fetch(`${gateway.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer azure-key', 'x-portkey-provider': 'azure-openai', ...resourceHeaders },
      body,
    });
    expect(response.status).toBe(200);
    expect(last().body.toString('utf8')).toBe(body);
    // The answer passes too: Azure's content-filter fields reach the client.
    expect((await response.json()).prompt_filter_results).toHaveLength(1);
  });

  it('streams Azure chunks as they came, relabelling only the prompt-filter chunk', async () => {
    upstream.setHandler((_, response) => sendEvents(response, [': keep-alive\n\n', ...events('azure-text.chunks.txt')]));
    try {
      const response = await fetch(`${gateway.origin}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer azure-key', 'x-portkey-provider': 'azure-openai', ...resourceHeaders },
        body: JSON.stringify({ model, messages, stream: true }),
      });
      const received = (await response.text()).trim().split('\n\n').map((event) => event.replace(/^data: /, ''));
      const sent = fixture('azure-text.chunks.txt').trim().split('\n');
      expect(JSON.parse(received[0])).toMatchObject({ object: 'chat.completion.chunk', prompt_filter_results: [{ prompt_index: 0 }] });
      expect(received.slice(1, -1)).toEqual(sent.slice(1));
      expect(received.at(-1)).toBe('[DONE]');
    } finally {
      upstream.setHandler((_, response) => sendJson(response, 200, json('azure-chat.json')));
    }
  });

  it('answers a clear 400 naming the header when the resource or deployment is missing', async () => {
    const before = upstream.requests.length;
    const noResource = await client({ 'x-portkey-azure-deployment-id': 'd' }).chat.completions.create({ model, messages }).catch((error: unknown) => error);
    expect(noResource).toBeInstanceOf(OpenAI.BadRequestError);
    expect((noResource as Error).message).toContain('x-portkey-azure-resource-name');

    const noDeployment = await client({ 'x-portkey-azure-resource-name': 'my-resource' }).chat.completions.create({ model, messages }).catch((error: unknown) => error);
    expect(noDeployment).toBeInstanceOf(OpenAI.BadRequestError);
    expect((noDeployment as Error).message).toContain('x-portkey-azure-deployment-id');

    const hostileResource = await client({ ...resourceHeaders, 'x-portkey-azure-resource-name': 'evil.example/x' }).chat.completions.create({ model, messages }).catch((error: unknown) => error);
    expect(hostileResource).toBeInstanceOf(OpenAI.BadRequestError);
    expect(upstream.requests.length).toBe(before);
  });

  it.each([
    ['x-portkey-azure-deployment-id', '..', 'deployment_id'],
    ['x-portkey-azure-deployment-id', '.', 'deployment_id'],
    ['x-portkey-azure-deployment-id', 'dep/../../x', 'deployment_id'],
    ['x-portkey-azure-deployment-id', 'dep?x=1', 'deployment_id'],
    ['x-portkey-azure-api-version', '2024-10-21&api-key=x', 'api_version'],
    ['x-portkey-azure-api-version', '2024-10-21#', 'api_version'],
    ['x-portkey-azure-api-version', 'v2', 'api_version'],
    ['x-portkey-azure-resource-name', 'evil.example/x', 'resource_name'],
  ])('answers 400 for %s: %j, naming the header and config field, calling nothing', async (header, value, field) => {
    const before = requestedUrls.length;
    const failure = await client({ ...resourceHeaders, [header]: value }).chat.completions.create({ model, messages }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).param).toBe(field);
    expect((failure as Error).message).toContain(header);
    expect((failure as Error).message).toContain(`\`${field}\``);
    expect(requestedUrls.length).toBe(before);
  });

  it.each(['2024-10-21', '2025-04-01-preview', 'preview', 'latest', 'v1'])('accepts the api version %j', async (apiVersion) => {
    const completion = await client({ ...resourceHeaders, 'x-portkey-azure-api-version': apiVersion }).chat.completions.create({ model, messages });
    expect(completion.choices.length).toBeGreaterThan(0);
  });

  it('keeps Azure content-filter errors: status, message and code', async () => {
    upstream.setHandler((_, response) => sendJson(response, 400, json('azure-content-filter-error.json')));
    try {
      const failure = await client(resourceHeaders).chat.completions.create({ model, messages }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
      expect((failure as InstanceType<typeof OpenAI.APIError>).code).toBe('content_filter');
      expect((failure as Error).message).toContain("content management policy");
    } finally {
      upstream.setHandler((_, response) => sendJson(response, 200, json('azure-chat.json')));
    }
  });

  it('routes embeddings, images and audio to their deployment paths', async () => {
    upstream.setHandler((request, response) => {
      const path = request.url.split('?')[0];
      if (path.endsWith('/embeddings')) return sendJson(response, 200, { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.5, 1] }], model: 'text-embedding-3-small', usage: { prompt_tokens: 1, total_tokens: 1 } });
      if (path.endsWith('/images/generations')) return sendJson(response, 200, { created: 1, data: [{ b64_json: 'aGk=', revised_prompt: 'a cat' }] });
      if (path.endsWith('/audio/speech')) {
        response.writeHead(200, { 'content-type': 'audio/mpeg' });
        return void response.end(mockSpeechBytes);
      }
      return sendJson(response, 200, { text: `heard ${request.body.length} bytes` });
    });
    const azure = client({ 'x-portkey-azure-resource-name': 'my-resource', 'x-portkey-azure-deployment-id': 'dep' });
    try {
      const embedding = await azure.embeddings.create({ model: 'text-embedding-3-small', input: 'hi', encoding_format: 'float' });
      expect(requestedUrls.at(-1)).toBe(`https://my-resource.openai.azure.com/openai/deployments/dep/embeddings?api-version=${defaultApiVersion}`);
      expect(embedding.data[0].embedding).toEqual([0.5, 1]);

      const image = await azure.images.generate({ model: 'dall-e-3', prompt: 'a cat', response_format: 'b64_json' });
      expect(requestedUrls.at(-1)).toContain('/openai/deployments/dep/images/generations?api-version=');
      expect(image.data?.[0].b64_json).toBe('aGk=');

      const speech = await azure.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'hello' });
      expect(requestedUrls.at(-1)).toContain('/openai/deployments/dep/audio/speech?api-version=');
      expect(Buffer.from(await speech.arrayBuffer())).toEqual(mockSpeechBytes);

      const file = await toFile(Buffer.from('RIFF-fake-wav'), 'clip.wav');
      const transcription = await azure.audio.transcriptions.create({ model: 'whisper-1', file });
      expect(requestedUrls.at(-1)).toContain('/openai/deployments/dep/audio/transcriptions?api-version=');
      expect(String(last().headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
      expect(transcription.text).toMatch(/^heard \d+ bytes$/);

      await azure.audio.translations.create({ model: 'whisper-1', file: await toFile(Buffer.from('RIFF'), 'clip.wav') });
      expect(requestedUrls.at(-1)).toContain('/openai/deployments/dep/audio/translations?api-version=');
    } finally {
      upstream.setHandler((_, response) => sendJson(response, 200, json('azure-chat.json')));
    }
  });

  it('passes other /v1 paths through below /openai with the api version', async () => {
    upstream.setHandler((_, response) => sendJson(response, 200, { object: 'list', data: [] }));
    try {
      const response = await fetch(`${gateway.origin}/v1/files?purpose=batch`, { headers: { authorization: 'Bearer azure-key', 'x-portkey-provider': 'azure-openai', 'x-portkey-azure-resource-name': 'my-resource' } });
      expect(response.status).toBe(200);
      expect(requestedUrls.at(-1)).toBe(`https://my-resource.openai.azure.com/openai/files?api-version=${defaultApiVersion}&purpose=batch`);
    } finally {
      upstream.setHandler((_, response) => sendJson(response, 200, json('azure-chat.json')));
    }
  });
});

/**
 * Stability AI image generation through the gateway with the openai SDK as the client, over
 * Stability-format answers in `__fixtures__`: what reaches Stability (multipart fields, path,
 * headers) and what the client gets back (b64_json, data URLs, errors).
 */
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBase64, sendJson, startMockUpstream, startTestGateway, type MockHandler, type MockUpstream, type RecordedRequest, type TestGateway } from '@ai-gateway/testing';
import { nearestAspectRatio } from './image-size.js';
import { stabilityAIProvider } from './stability-ai-provider.js';

const json = (name: string) => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const answer = (name: string, status = 200): MockHandler => (_, response) => sendJson(response, status, json(name));

/** The multipart fields the mock received, as a plain object. */
async function formFields(request: RecordedRequest): Promise<Record<string, string>> {
  const form = await new Request('http://mock.local', { method: 'POST', body: new Uint8Array(request.body), headers: { 'content-type': String(request.headers['content-type']) } }).formData();
  return Object.fromEntries([...form.entries()].map(([name, value]) => [name, String(value)]));
}

type GenerateParams = OpenAI.ImageGenerateParamsNonStreaming & Record<string, unknown>;

describe('stability-ai image generation (openai SDK through the gateway)', () => {
  let upstream: MockUpstream;
  let gateway: TestGateway;
  let client: OpenAI;
  const last = (): RecordedRequest => upstream.requests[upstream.requests.length - 1];
  const generate = (params: Partial<GenerateParams>) => client.images.generate({ prompt: 'a lighthouse at dusk', ...params } as GenerateParams);

  beforeAll(async () => {
    upstream = await startMockUpstream(answer('stability-core.json'));
    gateway = await startTestGateway({ providers: [stabilityAIProvider], circuitBreaker: false });
    client = new OpenAI({ apiKey: 'sk-stability', baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'stability-ai', 'x-portkey-custom-host': upstream.origin } });
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('sends a v2beta multipart generate request and answers b64_json', async () => {
    upstream.setHandler(answer('stability-core.json'));
    const result = await generate({ model: 'core', size: '1792x1024', response_format: 'b64_json', negative_prompt: 'fog', seed: 42, style_preset: 'photographic', quality: 'hd', user: 'u1' });
    const request = last();
    expect(request.url).toBe('/v2beta/stable-image/generate/core');
    expect(request.headers.authorization).toBe('Bearer sk-stability');
    expect(request.headers.accept).toBe('application/json');
    expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; ?boundary=/);
    // OpenAI-only fields (quality, user) are dropped; Stability's own pass; size becomes the nearest ratio.
    expect(await formFields(request)).toEqual({ prompt: 'a lighthouse at dusk', aspect_ratio: '16:9', negative_prompt: 'fog', seed: '42', style_preset: 'photographic' });
    expect(result.data).toEqual([{ b64_json: pngBase64 }]);
    expect(result.created).toBeGreaterThan(1_600_000_000);
  });

  it('answers b64_json by default and a data: URL when asked for a url', async () => {
    upstream.setHandler(answer('stability-core.json'));
    expect((await generate({})).data).toEqual([{ b64_json: pngBase64 }]);
    expect(last().url).toBe('/v2beta/stable-image/generate/core');

    const asUrl = await generate({ model: 'ultra', response_format: 'url', output_format: 'webp' } as Partial<GenerateParams>);
    expect(last().url).toBe('/v2beta/stable-image/generate/ultra');
    expect((await formFields(last())).output_format).toBe('webp');
    expect(asUrl.data?.[0].url).toBe(`data:image/webp;base64,${pngBase64}`);
  });

  it('routes SD3 models to the sd3 service with the model as a field', async () => {
    upstream.setHandler(answer('stability-core.json'));
    await generate({ model: 'sd3.5-large', size: '1024x1024' });
    expect(last().url).toBe('/v2beta/stable-image/generate/sd3');
    expect(await formFields(last())).toMatchObject({ model: 'sd3.5-large', aspect_ratio: '1:1' });
  });

  it.each(['..', '.'])('answers 400 for the model %j, a dot-segment, before calling Stability', async (model) => {
    const before = upstream.requests.length;
    const failure = await generate({ model }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).param).toBe('model');
    expect(upstream.requests.length).toBe(before);
  });

  it('rejects n > 1 for Stable Image services before calling Stability', async () => {
    const before = upstream.requests.length;
    const failure = await generate({ model: 'core', n: 2 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).param).toBe('n');
    expect(upstream.requests.length).toBe(before);
  });

  it('asks a v1 engine for n samples and answers every image', async () => {
    upstream.setHandler(answer('stability-v1-artifacts.json'));
    const result = await generate({ model: 'stable-diffusion-xl-1024-v1-0', n: 2, size: '1024x1024', negative_prompt: 'fog', cfg_scale: 7 });
    expect(last().url).toBe('/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image');
    expect(last().json).toEqual({ text_prompts: [{ text: 'a lighthouse at dusk', weight: 1 }, { text: 'fog', weight: -1 }], width: 1024, height: 1024, samples: 2, cfg_scale: 7 });
    expect(result.data).toHaveLength(2);
  });

  it('maps Stability errors with their status, and a filtered image to content_policy_violation', async () => {
    upstream.setHandler(answer('stability-error.json', 400));
    const badRequest = await generate({}).catch((error: unknown) => error) as InstanceType<typeof OpenAI.APIError>;
    expect(badRequest).toBeInstanceOf(OpenAI.BadRequestError);
    expect(badRequest.message).toContain('prompt: cannot be empty');
    expect(badRequest.code).toBe('bad_request');

    upstream.setHandler(answer('stability-content-moderation.json', 403));
    const moderated = await generate({}).catch((error: unknown) => error) as InstanceType<typeof OpenAI.APIError>;
    expect(moderated.status).toBe(403);
    expect(moderated.code).toBe('content_moderation');

    upstream.setHandler(answer('stability-content-filtered.json'));
    const filtered = await generate({}).catch((error: unknown) => error) as InstanceType<typeof OpenAI.APIError>;
    expect(filtered.status).toBe(400);
    expect(filtered.code).toBe('content_policy_violation');

    upstream.setHandler((_, response) => sendJson(response, 500, { id: 'x', name: 'internal_error', errors: ['An unexpected server error has occurred.'] }));
    expect((await generate({}).catch((error: unknown) => error) as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
  });

  it('answers 400 for a malformed size and for chat completions', async () => {
    const badSize = await generate({ size: 'large' as never }).catch((error: unknown) => error);
    expect(badSize).toBeInstanceOf(OpenAI.BadRequestError);
    const chat = await client.chat.completions.create({ model: 'core', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    expect((chat as InstanceType<typeof OpenAI.APIError>).code).toBe('unsupported_endpoint');
  });

  it('picks the nearest supported aspect ratio for OpenAI sizes', () => {
    expect(['1024x1024', '1792x1024', '1024x1792', '1536x1024', '1024x1536', '2560x1080'].map((size) => {
      const [width, height] = size.split('x').map(Number);
      return nearestAspectRatio({ width, height });
    })).toEqual(['1:1', '16:9', '9:16', '3:2', '2:3', '21:9']);
  });
});

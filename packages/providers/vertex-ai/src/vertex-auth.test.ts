/**
 * Service account credentials end to end: the gateway signs a JWT with a real RSA key (made here),
 * a local token endpoint checks its signature and claims the way Google's does, and the access
 * token it hands out must reach Vertex. Plus the 400s for missing or malformed settings.
 */
import { createVerify, generateKeyPairSync } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startMockUpstream, startTestGateway, type MockUpstream, type RecordedRequest, type TestGateway } from '@ai-gateway/testing';
import { replayJson } from './__fixtures__/fixtures.js';
import { createVertexAIProvider } from './vertex-provider.js';

const googleTokenUri = 'https://oauth2.googleapis.com/token';
const model = 'gemini-2.0-flash-001';
const publicKeys = new Map<string, string>();
let tokenLifetimeSeconds = 3600;
let issued = 0;

let tokenEndpoint: MockUpstream;
let vertex: MockUpstream;
let gateway: TestGateway;

function serviceAccount(email: string, extra: Record<string, unknown> = {}) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  publicKeys.set(email, publicKey);
  return { type: 'service_account', project_id: 'key-project', private_key_id: 'kid-1', private_key: privateKey, client_email: email, token_uri: googleTokenUri, ...extra };
}

/** Google's token endpoint, as far as the JWT bearer grant goes. */
function answerTokenRequest(request: RecordedRequest, response: import('node:http').ServerResponse) {
  const form = new URLSearchParams(request.body.toString('utf8'));
  const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  const payload = decode(claims);
  const publicKey = publicKeys.get(payload.iss);
  const verified = publicKey !== undefined && createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature, 'base64url'));
  const claimsValid = form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && decode(header).alg === 'RS256' &&
    payload.aud === googleTokenUri && payload.scope === 'https://www.googleapis.com/auth/cloud-platform' && payload.exp - payload.iat === 3600;
  if (!verified || !claimsValid) return sendJson(response, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
  issued += 1;
  sendJson(response, 200, { access_token: `ya29.token-${issued}`, expires_in: tokenLifetimeSeconds, token_type: 'Bearer' });
}

beforeAll(async () => {
  tokenEndpoint = await startMockUpstream(answerTokenRequest);
  vertex = await startMockUpstream((_, response) => replayJson(response, 'vertex-gemini-text.json'));
  // The runtime's fetch, pointed at the local token endpoint for Google's token address.
  const upstreamFetch: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    return fetch(url === googleTokenUri ? `${tokenEndpoint.origin}/token` : input, init);
  };
  gateway = await startTestGateway({ providers: [createVertexAIProvider()], fetch: upstreamFetch });
});
afterAll(async () => {
  await gateway.close();
  await vertex.close();
  await tokenEndpoint.close();
});

function client(headers: Record<string, string>, apiKey = 'unused') {
  return new OpenAI({ apiKey, baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'vertex-ai', 'x-portkey-custom-host': `${vertex.origin}/v1`, ...headers } });
}

const hi = { model, messages: [{ role: 'user' as const, content: 'Hi' }] };
const settings = { 'x-portkey-vertex-project-id': 'my-project', 'x-portkey-vertex-region': 'us-central1' };
const lastVertexRequest = () => vertex.requests[vertex.requests.length - 1];

async function failure(promise: Promise<unknown>) {
  return (await promise.catch((error: unknown) => error)) as InstanceType<typeof OpenAI.APIError>;
}

describe('vertex-ai service account credentials', () => {
  it('exchanges a signed JWT for an access token and reuses it until shortly before it expires', async () => {
    tokenLifetimeSeconds = 3600;
    const account = serviceAccount('cached@my-project.iam.gserviceaccount.com');
    const sdk = client({ ...settings, 'x-portkey-vertex-service-account-json': JSON.stringify(account) });
    const before = issued;
    await sdk.chat.completions.create(hi);
    const token = lastVertexRequest().headers.authorization;
    await sdk.chat.completions.create(hi);
    expect(issued - before).toBe(1);
    expect(token).toBe(`Bearer ya29.token-${issued}`);
    expect(lastVertexRequest().headers.authorization).toBe(token);
    expect(lastVertexRequest().url).toBe(`/v1/projects/my-project/locations/us-central1/publishers/google/models/${model}:generateContent`);
  });

  it('exchanges again when the token would lapse within minutes', async () => {
    tokenLifetimeSeconds = 120;
    const sdk = client({ ...settings, 'x-portkey-vertex-service-account-json': JSON.stringify(serviceAccount('short@my-project.iam.gserviceaccount.com')) });
    const before = issued;
    await sdk.chat.completions.create(hi);
    await sdk.chat.completions.create(hi);
    expect(issued - before).toBe(2);
    tokenLifetimeSeconds = 3600;
  });

  it('reads the key file from a config object and takes the project from it', async () => {
    const account = serviceAccount('config@key-project.iam.gserviceaccount.com');
    const config = { provider: 'vertex-ai', vertex_region: 'europe-west4', vertex_service_account_json: account, custom_host: `${vertex.origin}/v1` };
    const sdk = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-config': JSON.stringify(config) } });
    await sdk.chat.completions.create(hi);
    expect(lastVertexRequest().url).toBe(`/v1/projects/key-project/locations/europe-west4/publishers/google/models/${model}:generateContent`);
    expect(lastVertexRequest().headers.authorization).toMatch(/^Bearer ya29\.token-\d+$/);
  });

  it('answers 401 with Google\'s reason when the token endpoint refuses the key', async () => {
    const account = serviceAccount('refused@my-project.iam.gserviceaccount.com');
    serviceAccount('other@x.iam.gserviceaccount.com');
    publicKeys.set(account.client_email, publicKeys.get('other@x.iam.gserviceaccount.com')!);
    const error = await failure(client({ ...settings, 'x-portkey-vertex-service-account-json': JSON.stringify(account) }).chat.completions.create(hi));
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.message).toContain('Invalid JWT Signature.');
  });

  it('uses the request key as a ready access token when no key file is given', async () => {
    await client(settings, 'ya29.given-token').chat.completions.create(hi);
    expect(lastVertexRequest().headers.authorization).toBe('Bearer ya29.given-token');
  });
});

describe('vertex-ai settings', () => {
  it.each([
    [{ 'x-portkey-vertex-region': 'us-central1' }, 'x-portkey-vertex-project-id'],
    [{ 'x-portkey-vertex-project-id': 'my-project' }, 'x-portkey-vertex-region'],
    [{ ...settings, 'x-portkey-vertex-region': 'evil.example/' }, 'x-portkey-vertex-region'],
    [{ ...settings, 'x-portkey-vertex-service-account-json': '{not json' }, 'x-portkey-vertex-service-account-json'],
    [{ ...settings, 'x-portkey-vertex-service-account-json': JSON.stringify({ client_email: 'a@b' }) }, 'x-portkey-vertex-service-account-json'],
  ])('answers 400 naming the header for %j', async (headers, header) => {
    const error = await failure(client(headers, 'ya29.x').chat.completions.create(hi));
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toContain(header);
  });

  it('never posts a key file\'s assertion to a token_uri outside googleapis.com', async () => {
    const before = tokenEndpoint.requests.length;
    const account = serviceAccount('elsewhere@x.iam.gserviceaccount.com', { token_uri: `${tokenEndpoint.origin}/token` });
    const error = await failure(client({ ...settings, 'x-portkey-vertex-service-account-json': JSON.stringify(account) }).chat.completions.create(hi));
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tokenEndpoint.requests.length).toBe(before);
  });

  it('answers 401 when there are no credentials at all', async () => {
    // Raw fetch: the openai SDK always sends a key.
    const response = await fetch(`${gateway.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-provider': 'vertex-ai', 'x-portkey-custom-host': `${vertex.origin}/v1`, ...settings },
      body: JSON.stringify(hi),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('missing_credentials');
  });
});

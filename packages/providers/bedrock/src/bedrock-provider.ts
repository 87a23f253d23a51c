/**
 * Amazon Bedrock: chat through the Converse API (ConverseStream when streaming), embeddings
 * through InvokeModel (Titan and Cohere bodies). Requests are signed with SigV4 from the
 * `x-portkey-aws-*` settings, or carry a Bedrock API key as a bearer token.
 * API reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_Operations_Amazon_Bedrock_Runtime.html
 */
import type { ProviderCall, ProviderV1, UpstreamFetch, UpstreamRequestDraft } from '@ai-gateway/spec';
import { encodePathSegment, invalidRequest, withFields } from '@ai-gateway/provider-utils';
import { bedrockCountTokensAdapter, bedrockMessagesAdapter } from './anthropic-messages.js';
import { toConverseRequest } from './chat-request.js';
import { fromConverseResponse } from './chat-response.js';
import { createConverseStreamTransform } from './converse-stream.js';
import { bedrockError } from './errors.js';
import { fromEmbeddingsResponse, toEmbeddingsRequest } from './embeddings.js';
import { bedrockAuth, bedrockRegion, bedrockSettings } from './settings.js';
import { awsUriEncode, sha256Hex, signRequest } from './sigv4.js';

export interface BedrockProviderOptions {
  /** The provider id (`x-portkey-provider`); `bedrock` by default. */
  id?: string;
  /** Fetch used for https `image_url`s; defaults to the gateway's upstream fetch. */
  imageFetch?: UpstreamFetch;
  /** Largest image fetched and inlined, in bytes; 3.75 MB (Bedrock's own limit) by default. */
  maxImageBytes?: number;
  /** Milliseconds an image fetch may take; 10 s by default. */
  imageTimeoutMs?: number;
}

/** The model id as one path segment: ids carry `:` and inference profile ARNs carry `/`, both percent-encoded. */
function modelSegment(call: ProviderCall): string {
  const model = call.body?.model;
  if (typeof model !== 'string' || model === '') throw invalidRequest('Bedrock needs a model id in the request body.', 'model', 'missing_model');
  return encodePathSegment(model, 'model', awsUriEncode);
}

async function bodyBytes(body: BodyInit | null): Promise<Uint8Array | string> {
  if (body === null || typeof body === 'string') return body ?? '';
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  // Every body this provider builds is a JSON string; anything else would need buffering to sign.
  throw new Error('[ai-gateway] [bedrock] cannot sign a streamed request body');
}

async function bedrockHeaders(request: UpstreamRequestDraft): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: request.stream && request.endpoint !== 'embed' ? 'application/vnd.amazon.eventstream' : 'application/json',
  };
  const auth = bedrockAuth(request.target);
  if (auth.kind === 'bearer') return withFields(headers, { authorization: `Bearer ${auth.apiKey}` });
  const body = await bodyBytes(request.upstreamBody);
  const signed = await signRequest({
    method: request.method,
    url: request.url,
    headers: withFields(headers, { 'x-amz-content-sha256': await sha256Hex(body) }),
    body,
    credentials: auth.credentials,
    region: bedrockRegion(request.target),
    service: 'bedrock',
  });
  return signed.headers;
}

/**
 * Builds the Bedrock provider.
 *
 * @example
 * ```ts
 * createGateway({ providers: [createBedrockProvider({ maxImageBytes: 2_000_000 })] });
 * ```
 */
export function createBedrockProvider(options: BedrockProviderOptions = {}): ProviderV1 {
  const imageOptions = (call: ProviderCall) => ({
    fetch: options.imageFetch ?? call.fetch,
    maxImageBytes: options.maxImageBytes ?? 3.75 * 1024 * 1024,
    timeoutMs: options.imageTimeoutMs ?? 10_000,
  });
  return {
    specificationVersion: 'v1',
    id: options.id ?? 'bedrock',
    name: 'Amazon Bedrock',
    settings: bedrockSettings,
    baseUrl: (target) => `https://bedrock-runtime.${bedrockRegion(target)}.amazonaws.com`,
    headers: bedrockHeaders,
    transformError: (status, body) => bedrockError(status, body),
    endpoints: {
      chatComplete: {
        path: (call) => `/model/${modelSegment(call)}/${call.stream ? 'converse-stream' : 'converse'}`,
        method: 'POST',
        transformRequest: (body, call) => toConverseRequest(body, imageOptions(call)),
        transformResponse: fromConverseResponse,
        transformStream: createConverseStreamTransform,
      },
      embed: {
        path: (call) => `/model/${modelSegment(call)}/invoke`,
        method: 'POST',
        transformRequest: (body) => toEmbeddingsRequest(body),
        transformResponse: fromEmbeddingsResponse,
      },
      messages: bedrockMessagesAdapter(modelSegment),
      countTokens: bedrockCountTokensAdapter(modelSegment),
    },
  };
}

/** The Bedrock provider with default options, as `@ai-gateway/providers` registers it. */
export const bedrockProvider: ProviderV1 = createBedrockProvider();

/**
 * Anthropic-format clients (`/v1/messages`, `/v1/messages/count_tokens`) to Claude on Bedrock,
 * without translation: InvokeModel takes Anthropic's Messages body as it is, so thinking and
 * redacted_thinking blocks with their signatures, `cache_control` and tool order arrive as the
 * client sent them. Only what Bedrock moves elsewhere changes: the model goes into the path,
 * `anthropic_version` becomes Bedrock's, beta names go into the body as `anthropic_beta`. Streams
 * come as event-stream `chunk` frames, each holding one of Anthropic's events in base64, and leave
 * as Anthropic's own server-sent events. Other models (Llama, Nova, ...) are translated through Converse.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html
 */
import type { EndpointAdapterV1, JsonObject, ProviderCall } from '@ai-gateway/spec';
import { encodeSSEEvent, withFields } from '@ai-gateway/provider-utils';
import { streamExceptionError } from './errors.js';
import { createEventStreamDecoder, type EventStreamMessage } from './event-stream-decoder.js';

/** The `anthropic_version` Bedrock requires in the body. */
export const bedrockAnthropicVersion = 'bedrock-2023-05-31';

/** Claude by any of its Bedrock names: `anthropic.claude-...`, or an inference profile such as `us.anthropic.claude-...`. */
const claudeModelPattern = /(?:^|[./])anthropic\.claude/;

export const isClaudeOnBedrock = (call: ProviderCall) => typeof call.body?.model === 'string' && claudeModelPattern.test(call.body.model);

/** The client's body for InvokeModel: without `model` and `stream` (the path says both), with Bedrock's version and the betas. */
export function toInvokeModelBody(body: JsonObject, call: ProviderCall): JsonObject {
  const request: JsonObject = { anthropic_version: bedrockAnthropicVersion };
  for (const [field, value] of Object.entries(body)) {
    if (field !== 'model' && field !== 'stream' && field !== 'anthropic_version') request[field] = value;
  }
  const betas = (call.headers.get('anthropic-beta') ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (betas.length > 0) request.anthropic_beta = betas;
  return request;
}

const textDecoder = new TextDecoder();

function base64ToText(base64: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return textDecoder.decode(bytes);
}

function textToBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** An Anthropic `error` event for an exception frame, in the type Anthropic's SDK maps to the status. */
function anthropicErrorEvent(message: EventStreamMessage): Uint8Array {
  const exceptionType = String(message.headers[':exception-type'] ?? message.headers[':error-code'] ?? 'unknownException');
  let payload: unknown = {};
  try {
    payload = JSON.parse(textDecoder.decode(message.payload));
  } catch {
    payload = { message: message.headers[':error-message'] };
  }
  const error = streamExceptionError(exceptionType, payload);
  const type = error.status === 429 ? 'rate_limit_error' : error.status === 400 ? 'invalid_request_error' : error.status === 403 ? 'permission_error' : 'api_error';
  return encodeSSEEvent('error', { type: 'error', error: { type, message: error.message } });
}

/** InvokeModelWithResponseStream bytes in, Anthropic server-sent events out. */
export function createInvokeModelStreamTransform(): TransformStream<Uint8Array, Uint8Array> {
  const decoder = createEventStreamDecoder();
  const toEvents = new TransformStream<EventStreamMessage, Uint8Array>({
    transform(message, controller) {
      const messageType = message.headers[':message-type'];
      if (messageType === 'exception' || messageType === 'error') return controller.enqueue(anthropicErrorEvent(message));
      if (message.headers[':event-type'] !== 'chunk') return;
      const { bytes } = JSON.parse(textDecoder.decode(message.payload)) as { bytes?: string };
      if (typeof bytes !== 'string') return;
      const event = JSON.parse(base64ToText(bytes)) as { type?: string };
      controller.enqueue(encodeSSEEvent(String(event.type ?? 'message'), event));
    },
  });
  return { writable: decoder.writable, readable: decoder.readable.pipeThrough(toEvents) } as TransformStream<Uint8Array, Uint8Array>;
}

/** `/v1/messages` for Claude: InvokeModel, or InvokeModelWithResponseStream. */
export function bedrockMessagesAdapter(modelSegment: (call: ProviderCall) => string): EndpointAdapterV1 {
  return {
    serves: isClaudeOnBedrock,
    path: (call) => `/model/${modelSegment(call)}/${call.stream ? 'invoke-with-response-stream' : 'invoke'}`,
    method: 'POST',
    transformRequest: (body, call) => toInvokeModelBody(body, call),
    transformStream: () => createInvokeModelStreamTransform(),
  };
}

/**
 * The `max_tokens` a count sends when the client sent none. Bedrock checks `invokeModel.body` as it
 * would an InvokeModel request, where Claude requires `max_tokens`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html),
 * while Anthropic's count request has no such field. It limits the answer, not the input, so any
 * value counts the same; the least valid one is 1, or one above `thinking.budget_tokens`, which
 * must be less than `max_tokens` (https://docs.anthropic.com/en/api/messages, `thinking`).
 */
function countMaxTokens(body: JsonObject): number {
  const budget = (body.thinking as { budget_tokens?: unknown } | undefined)?.budget_tokens;
  return typeof budget === 'number' ? budget + 1 : 1;
}

/**
 * `/v1/messages/count_tokens` for Claude: Bedrock's CountTokens, `POST /model/{modelId}/count-tokens`
 * with `{"input": {"invokeModel": {"body": <the InvokeModel body, base64>}}}`, answered
 * `{"inputTokens": N}`. It counts for foundation models only, so an inference profile's region
 * prefix (`us.`) is dropped.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelTokensRequest.html
 */
export function bedrockCountTokensAdapter(modelSegment: (call: ProviderCall) => string): EndpointAdapterV1 {
  const foundationModel = (call: ProviderCall) => {
    const model = String(call.body?.model ?? '').replace(/^[a-z]{2,6}\.(?=anthropic\.)/, '');
    return modelSegment(withFields(call, { body: { model } }));
  };
  return {
    serves: isClaudeOnBedrock,
    path: (call) => `/model/${foundationModel(call)}/count-tokens`,
    method: 'POST',
    transformRequest(body, call) {
      const invokeBody = toInvokeModelBody(body, call);
      invokeBody.max_tokens ??= countMaxTokens(body);
      return { input: { invokeModel: { body: textToBase64(JSON.stringify(invokeBody)) } } };
    },
    transformResponse: (body: { inputTokens?: unknown }) => ({ input_tokens: body?.inputTokens }),
  };
}

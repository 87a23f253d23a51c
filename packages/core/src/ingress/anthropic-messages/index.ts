/**
 * Anthropic's Messages API as an ingress format: `POST /v1/messages` for Anthropic's SDKs and the
 * tools built on them, routed to any provider. See docs/anthropic-messages.md.
 */
import type { IngressFormatV1 } from '@ai-gateway/spec';
import { anthropicErrorBody, encodeAnthropicStreamError } from './errors.js';
import { chatToAnthropicResponse } from './from-chat-response.js';
import { chatChunksToAnthropic, chatStreamToAnthropic } from './from-chat-stream.js';
import { anthropicToChatRequest } from './to-chat-request.js';
import { anthropicTokenCount } from './count-tokens.js';

export const anthropicMessagesFormat: IngressFormatV1 = {
  specificationVersion: 'v1',
  endpoint: 'messages',
  path: '/messages',
  toChatRequest: anthropicToChatRequest,
  fromChatResponse: chatToAnthropicResponse,
  fromChatStream: chatStreamToAnthropic,
  fromChatChunks: chatChunksToAnthropic,
  errorBody: (error) => anthropicErrorBody(error),
  encodeStreamError: encodeAnthropicStreamError,
  // Anthropic's SDK sends its key as `x-api-key` (or, with authToken, as `Authorization: Bearer`).
  apiKey: (headers) => headers.get('x-api-key') || undefined,
  countTokens: anthropicTokenCount,
};

export { anthropicErrorBody, encodeAnthropicStreamError } from './errors.js';
export { chatToAnthropicResponse, toAnthropicStopReason, toAnthropicUsage } from './from-chat-response.js';
export { chatChunksToAnthropic, chatStreamToAnthropic } from './from-chat-stream.js';
export { anthropicToChatRequest } from './to-chat-request.js';
export { anthropicCountText } from './count-tokens.js';

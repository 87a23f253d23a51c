/**
 * OpenAI's Responses API as an ingress format: `POST /v1/responses` for the openai SDK, the AI SDK's
 * default OpenAI provider, the Agents SDK and Codex, routed to any provider. Providers that serve
 * it natively get the client's bytes; others get chat completions, translated. See docs/responses.md.
 */
import type { IngressFormatV1 } from '@ai-gateway/spec';
import { encodeResponsesStreamError, responsesErrorBody } from './errors.js';
import { chatToResponsesResponse, chatToResponsesText } from './from-chat-response.js';
import { chatChunksToResponses, chatStreamToResponses } from './from-chat-stream.js';
import { responsesToChatRequest } from './to-chat-request.js';

export const openAIResponsesFormat: IngressFormatV1 = {
  specificationVersion: 'v1',
  endpoint: 'responses',
  path: '/responses',
  toChatRequest: responsesToChatRequest,
  fromChatResponse: chatToResponsesResponse,
  fromChatResponseText: chatToResponsesText,
  fromChatStream: chatStreamToResponses,
  fromChatChunks: chatChunksToResponses,
  errorBody: responsesErrorBody,
  encodeStreamError: encodeResponsesStreamError,
};

export { chatToResponsesResponse } from './from-chat-response.js';
export { chatChunksToResponses, chatStreamToResponses } from './from-chat-stream.js';
export { responsesToChatRequest } from './to-chat-request.js';

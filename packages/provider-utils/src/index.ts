export { errorResponse, GatewayError, invalidRequest, toGatewayError, type ErrorSource, type GatewayErrorOptions, type OpenAIErrorBody } from './errors.js';
export { withFields } from './with-fields.js';
export { joinChunks } from './join-chunks.js';
export { encodePathSegment } from './path-segment.js';
export { encodeSSEData, encodeSSEError, encodeSSEEvent, sseDone } from './sse/encode-sse.js';
export { createSSEParserStream, type SSEEvent } from './sse/parse-sse.js';
export { chatCompletionResponse, createChatStream, type ChatChunkWriter, type ChatDelta, type ChatStreamOptions, type OpenAIUsage } from './chat-stream.js';
export { embeddingsToOpenAI, embeddingToBase64, type EmbeddingsResponseOptions } from './embeddings.js';
export { stringSetting } from './settings.js';

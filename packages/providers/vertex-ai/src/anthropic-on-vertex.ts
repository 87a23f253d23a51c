/**
 * Claude on Vertex AI: Anthropic's Messages format, sent to `:rawPredict` / `:streamRawPredict`
 * with the Vertex API version in the body and the model in the path instead.
 * https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/use-claude
 *
 * The OpenAI <-> Anthropic mapping is `@ai-gateway/provider-anthropic`'s, reused as it is.
 */
import type { JsonObject } from '@ai-gateway/core';
import { toAnthropicMessagesRequest } from '@ai-gateway/provider-anthropic';

/** The `anthropic_version` Vertex AI requires in the body. */
export const vertexAnthropicVersion = 'vertex-2023-10-16';

/** An OpenAI chat body as a Vertex `rawPredict` body for Claude. */
export function toVertexAnthropicRequest(body: JsonObject): JsonObject {
  const { model: _model, ...request } = toAnthropicMessagesRequest(body) as unknown as JsonObject;
  return { anthropic_version: vertexAnthropicVersion, ...request };
}

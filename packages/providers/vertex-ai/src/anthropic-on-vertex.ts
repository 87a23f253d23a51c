/**
 * Claude on Vertex AI: Anthropic's Messages format, sent to `:rawPredict` / `:streamRawPredict`
 * with the Vertex API version in the body and the model in the path instead.
 * https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/use-claude
 *
 * The OpenAI <-> Anthropic mapping is `@ai-gateway/provider-anthropic`'s, reused as it is.
 */
import type { JsonObject } from '@ai-gateway/spec';
import { toAnthropicMessagesRequest } from '@ai-gateway/provider-anthropic';

/** The `anthropic_version` Vertex AI requires in the body. */
export const vertexAnthropicVersion = 'vertex-2023-10-16';

/**
 * An OpenAI chat body as a Vertex `rawPredict` body for Claude. Vertex takes Anthropic's beta
 * names in the body rather than an `anthropic-beta` header: the `anthropic_beta` setting
 * (comma-separated, as for the anthropic provider) goes there.
 */
export function toVertexAnthropicRequest(body: JsonObject, settings: Record<string, unknown> = {}): JsonObject {
  const { model: _model, ...request } = toAnthropicMessagesRequest(body) as unknown as JsonObject;
  const betas = typeof settings.anthropic_beta === 'string' ? settings.anthropic_beta.split(',').map((name) => name.trim()).filter(Boolean) : [];
  return { anthropic_version: vertexAnthropicVersion, ...request, ...(betas.length > 0 ? { anthropic_beta: betas } : {}) };
}

/**
 * Anthropic-format clients (`/v1/messages`, `/v1/messages/count_tokens`) to Claude on Vertex AI,
 * without translation: the client's body as it is, thinking blocks and signatures, `cache_control`
 * and tool order included, with only what Vertex moves elsewhere changed. The model goes into the
 * path, `anthropic_version` becomes Vertex's, and beta names go into the body as `anthropic_beta`.
 * Gemini models are not served here: the gateway translates those through the chat adapter.
 * https://docs.anthropic.com/en/api/claude-on-vertex-ai
 */
import type { EndpointAdapterV1, JsonObject, ProviderCall } from '@ai-gateway/spec';
import { stringSetting } from '@ai-gateway/provider-utils';
import { vertexAnthropicVersion } from './anthropic-on-vertex.js';
import { vertexModel, vertexModelPath } from './vertex-model.js';

const isClaude = (call: ProviderCall) => vertexModel(call.body?.model).publisher === 'anthropic';

/** Beta names from the `anthropic_beta` setting, else from the client's own `anthropic-beta` header. */
function betaNames(call: ProviderCall): string[] {
  const names = stringSetting(call.target, 'anthropic_beta') ?? call.headers.get('anthropic-beta') ?? '';
  return names.split(',').map((name) => name.trim()).filter(Boolean);
}

function vertexBody(body: JsonObject, call: ProviderCall, keepModel: boolean): JsonObject {
  const request: JsonObject = { anthropic_version: vertexAnthropicVersion };
  for (const [field, value] of Object.entries(body)) {
    if (field === 'anthropic_version') continue;
    if (field === 'model') {
      if (keepModel) request.model = vertexModel(value).id;
      continue;
    }
    request[field] = value;
  }
  const betas = betaNames(call);
  if (betas.length > 0) request.anthropic_beta = betas;
  return request;
}

/** `/v1/messages` for Claude: `:rawPredict`, or `:streamRawPredict`, whose answer is Anthropic's own. */
export const vertexMessagesAdapter: EndpointAdapterV1 = {
  serves: isClaude,
  path: (call) => vertexModelPath(call.target, vertexModel(call.body?.model), call.stream ? 'streamRawPredict' : 'rawPredict'),
  method: 'POST',
  transformRequest: (body, call) => vertexBody(body, call, false),
};

/**
 * `/v1/messages/count_tokens` for Claude: `POST .../publishers/anthropic/models/count-tokens:rawPredict`,
 * one endpoint for every Claude model, so the body must name the model (Vertex's id, such as
 * `claude-sonnet-4-5@20250929`). Google's page shows a body of `model` and `messages`; Anthropic's
 * own Vertex SDK adds `anthropic_version: vertex-2023-10-16` to it as to every body and drops the
 * `?beta=true` marker, and so does the gateway (the query string never reaches an adapter).
 * https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/count-tokens
 */
export const vertexCountTokensAdapter: EndpointAdapterV1 = {
  serves: isClaude,
  path: (call) => vertexModelPath(call.target, { publisher: 'anthropic', id: 'count-tokens' }, 'rawPredict'),
  method: 'POST',
  transformRequest: (body, call) => vertexBody(body, call, true),
};

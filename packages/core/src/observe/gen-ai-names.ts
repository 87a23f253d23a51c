/**
 * The OpenTelemetry GenAI semantic conventions' names for what the gateway calls by its own ids:
 * `gen_ai.provider.name` and `gen_ai.operation.name`, shared by the metrics and the traces.
 */

/** Gateway provider ids whose well-known convention value differs from the id. */
const conventionProviderNames: Readonly<Record<string, string>> = {
  'azure-openai': 'azure.ai.openai',
  bedrock: 'aws.bedrock',
  google: 'gcp.gemini',
  'vertex-ai': 'gcp.vertex_ai',
  'mistral-ai': 'mistral_ai',
  'x-ai': 'x_ai',
  'perplexity-ai': 'perplexity',
};

/** `gen_ai.provider.name`: the convention's well-known value, or the gateway's provider id for the others. */
export function genAiProviderName(provider: string): string {
  return conventionProviderNames[provider] ?? provider;
}

/** Gateway endpoints with a convention operation name; others use the endpoint's own name. */
const conventionOperationNames: Readonly<Record<string, string>> = {
  chatComplete: 'chat',
  messages: 'chat',
  responses: 'chat',
  complete: 'text_completion',
  embed: 'embeddings',
};

/** `gen_ai.operation.name` for a gateway endpoint (`chatComplete` is `chat`, `embed` is `embeddings`). */
export function genAiOperationName(endpoint: string): string {
  return conventionOperationNames[endpoint] ?? endpoint;
}

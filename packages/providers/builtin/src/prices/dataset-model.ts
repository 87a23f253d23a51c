/**
 * Where a gateway request's model sits in the genai-prices dataset: the dataset's provider id for
 * the gateway's provider, and the model id in the shape the dataset matches. Only providers named
 * here (or whose id is the dataset's own) are priced; any other gives no price rather than another
 * vendor's, since a model served by ollama or a private deployment does not cost OpenAI's price.
 */

/** Gateway provider id -> genai-prices provider id, for the ones that differ or that its fuzzy matching would get wrong. */
const datasetProviderIds: Readonly<Record<string, string>> = {
  // Vertex's Gemini and Claude prices are in the dataset's `google` provider (it falls back to Anthropic's for Claude).
  'vertex-ai': 'google',
  bedrock: 'aws',
  // The dataset's `azure` provider falls back to OpenAI's (and DeepSeek's, xAI's ...) for the models Azure resells.
  'azure-openai': 'azure',
  'mistral-ai': 'mistral',
  'together-ai': 'together',
  'fireworks-ai': 'fireworks',
  'perplexity-ai': 'perplexity',
  'novita-ai': 'novita',
  moonshot: 'moonshotai',
};

export interface DatasetModel {
  provider: string;
  model: string;
}

/** The dataset's provider and model for a gateway provider and model, or null when there is none to ask. */
export function datasetModel(provider: string, model: string): DatasetModel | null {
  const trimmed = model.trim();
  if (trimmed === '') return null;
  switch (provider) {
    case 'bedrock':
      return { provider: 'aws', model: bedrockModelId(trimmed) };
    case 'vertex-ai':
      // The gateway also takes Portkey's publisher prefix (`anthropic.claude-...`, `google.gemini-...`).
      return { provider: 'google', model: trimmed.replace(/^(anthropic|google)\./, '') };
    case 'google':
      return { provider: 'google', model: trimmed.replace(/^models\//, '') };
    case 'huggingface':
      return huggingFaceModel(trimmed);
    default:
      return { provider: datasetProviderIds[provider] ?? provider, model: trimmed };
  }
}

/**
 * A Bedrock model may be named by its ARN (`arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-...`,
 * or a system inference profile's `.../inference-profile/us.anthropic.claude-...`): the id is after the
 * last slash. Cross-region profile prefixes (`us.`, `eu.`, `global.` ...) stay: the dataset prices
 * some of them apart.
 */
function bedrockModelId(model: string): string {
  return model.startsWith('arn:') ? model.slice(model.lastIndexOf('/') + 1) : model;
}

/**
 * Hugging Face's router picks the serving provider from a `:provider` suffix
 * (`meta-llama/Llama-3.3-70B-Instruct:novita`); the dataset prices each as `huggingface_<provider>`.
 * Without one (or with `:fastest`, `:cheapest`) the router chooses, so the price is not known.
 */
function huggingFaceModel(model: string): DatasetModel | null {
  const colon = model.lastIndexOf(':');
  if (colon <= 0) return null;
  return { provider: `huggingface_${model.slice(colon + 1).toLowerCase()}`, model: model.slice(0, colon) };
}

import type { ProviderV1 } from '@ai-gateway/core';
import { azureOpenAIProvider } from '@ai-gateway/provider-azure-openai';
import { bedrockProvider } from '@ai-gateway/provider-bedrock';
import { cohereProvider } from '@ai-gateway/provider-cohere';
import { openaiProvider } from '@ai-gateway/provider-openai';
import { openAICompatibleProviders } from '@ai-gateway/provider-openai-compatible';
import { stabilityAIProvider } from '@ai-gateway/provider-stability-ai';

/** Every provider that ships with the gateway, in the order the docs list them. */
export const builtinProviders: readonly ProviderV1[] = [
  openaiProvider,
  azureOpenAIProvider,
  bedrockProvider,
  cohereProvider,
  stabilityAIProvider,
  ...openAICompatibleProviders,
];

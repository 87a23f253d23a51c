import type { ProviderV1 } from '@ai-gateway/core';
import { bedrockProvider } from '@ai-gateway/provider-bedrock';
import { openaiProvider } from '@ai-gateway/provider-openai';
import { openAICompatibleProviders } from '@ai-gateway/provider-openai-compatible';

/** Every provider that ships with the gateway, in the order the docs list them. */
export const builtinProviders: readonly ProviderV1[] = [openaiProvider, bedrockProvider, ...openAICompatibleProviders];

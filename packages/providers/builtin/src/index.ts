import type { ProviderV1 } from '@ai-gateway/spec';
import { anthropicProvider } from '@ai-gateway/provider-anthropic';
import { azureOpenAIProvider } from '@ai-gateway/provider-azure-openai';
import { bedrockProvider } from '@ai-gateway/provider-bedrock';
import { cohereProvider } from '@ai-gateway/provider-cohere';
import { googleProvider } from '@ai-gateway/provider-google';
import { openaiProvider } from '@ai-gateway/provider-openai';
import { openAICompatibleProviders } from '@ai-gateway/provider-openai-compatible';
import { stabilityAIProvider } from '@ai-gateway/provider-stability-ai';
import { vertexAIProvider } from '@ai-gateway/provider-vertex-ai';

/** Every provider that ships with the gateway, in the order the docs list them. */
export const builtinProviders: readonly ProviderV1[] = [
  openaiProvider,
  anthropicProvider,
  googleProvider,
  vertexAIProvider,
  azureOpenAIProvider,
  bedrockProvider,
  cohereProvider,
  stabilityAIProvider,
  ...openAICompatibleProviders,
];
export { providerTable, tableEndMarker, tableStartMarker, withProviderTable } from './provider-table.js';
export { providerSettingsTable, settingsTableEndMarker, settingsTableStartMarker, withProviderSettingsTable } from './settings-table.js';

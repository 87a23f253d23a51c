export { createOpenAICompatibleProvider, openAIPaths, type OpenAICompatiblePreset } from './create-provider.js';
export { openAICompatiblePresets } from './presets.js';
export { nomicEmbedAdapter } from './nomic-embed.js';

import { createOpenAICompatibleProvider } from './create-provider.js';
import { openAICompatiblePresets } from './presets.js';

/** One provider per preset, ready to register. */
export const openAICompatibleProviders = openAICompatiblePresets.map(createOpenAICompatibleProvider);

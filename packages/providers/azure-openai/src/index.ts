export { azureOpenAIProvider } from './azure-openai-provider.js';
export { defaultApiVersion, v1ApiVersion } from './azure-settings.js';

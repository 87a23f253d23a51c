/**
 * OpenAI itself. Everything passes through as bytes, `/v1/responses` included; only the optional organization, project and
 * beta headers are added from settings (`x-portkey-openai-organization`, `openai_project`, ...).
 * API reference: https://platform.openai.com/docs/api-reference
 */
import { createOpenAICompatibleProvider } from '@ai-gateway/provider-openai-compatible';

export const openaiProvider = createOpenAICompatibleProvider({
  id: 'openai',
  name: 'OpenAI',
  baseUrl: 'https://api.openai.com/v1',
  endpoints: ['chatComplete', 'complete', 'embed', 'imageGenerate', 'createSpeech', 'createTranscription', 'createTranslation', 'listModels', 'responses', 'proxy'],
  settingHeaders: { openai_organization: 'openai-organization', openai_project: 'openai-project', openai_beta: 'openai-beta' },
  documentation: 'https://platform.openai.com/docs/api-reference',
});

/**
 * OpenAI-compatible vendors as data. Base URLs end at the version segment, as a custom host
 * replaces them. Each list names what the vendor's API reference documents as OpenAI-compatible;
 * `responses` only where the vendor documents `/v1/responses` (Groq: https://console.groq.com/docs/responses-api,
 * OpenRouter: https://openrouter.ai/docs/api-reference/responses-api); elsewhere it is translated through chat.
 */
import type { Endpoint } from '@ai-gateway/spec';
import type { OpenAICompatiblePreset } from './create-provider.js';
import { nomicEmbedAdapter, nomicTaskTypeSetting } from './nomic-embed.js';

const chat: readonly Endpoint[] = ['chatComplete', 'listModels', 'proxy'];
const chatAndCompletions: readonly Endpoint[] = ['chatComplete', 'complete', 'listModels', 'proxy'];
const text: readonly Endpoint[] = ['chatComplete', 'complete', 'embed', 'listModels', 'proxy'];

export const openAICompatiblePresets: readonly OpenAICompatiblePreset[] = [
  { id: 'groq', name: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', endpoints: [...chat, 'createSpeech', 'createTranscription', 'createTranslation', 'responses'], documentation: 'https://console.groq.com/docs/openai' },
  { id: 'together-ai', name: 'Together AI', baseUrl: 'https://api.together.xyz/v1', endpoints: [...text, 'imageGenerate', 'createSpeech', 'createTranscription'], documentation: 'https://docs.together.ai/docs/openai-api-compatibility' },
  { id: 'mistral-ai', name: 'Mistral AI', baseUrl: 'https://api.mistral.ai/v1', endpoints: ['chatComplete', 'embed', 'listModels', 'proxy'], documentation: 'https://docs.mistral.ai/api/' },
  { id: 'deepseek', name: 'DeepSeek', baseUrl: 'https://api.deepseek.com/v1', endpoints: chatAndCompletions, documentation: 'https://api-docs.deepseek.com/' },
  { id: 'fireworks-ai', name: 'Fireworks AI', baseUrl: 'https://api.fireworks.ai/inference/v1', endpoints: text, documentation: 'https://docs.fireworks.ai/tools-sdks/openai-compatibility' },
  { id: 'perplexity-ai', name: 'Perplexity', baseUrl: 'https://api.perplexity.ai', endpoints: ['chatComplete', 'proxy'], documentation: 'https://docs.perplexity.ai/api-reference/chat-completions-post' },
  { id: 'openrouter', name: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', endpoints: [...text, 'responses'], documentation: 'https://openrouter.ai/docs/api-reference/overview' },
  { id: 'ollama', name: 'Ollama', baseUrl: 'http://localhost:11434/v1', endpoints: text, documentation: 'https://github.com/ollama/ollama/blob/main/docs/openai.md' },
  { id: 'x-ai', name: 'xAI', baseUrl: 'https://api.x.ai/v1', endpoints: [...text, 'imageGenerate'], documentation: 'https://docs.x.ai/docs/api-reference' },
  { id: 'deepinfra', name: 'DeepInfra', baseUrl: 'https://api.deepinfra.com/v1/openai', endpoints: [...text, 'imageGenerate'], documentation: 'https://deepinfra.com/docs/openai_api' },
  { id: 'novita-ai', name: 'Novita AI', baseUrl: 'https://api.novita.ai/v3/openai', endpoints: chatAndCompletions, documentation: 'https://novita.ai/docs/guides/llm-api' },
  { id: 'anyscale', name: 'Anyscale', baseUrl: 'https://api.endpoints.anyscale.com/v1', endpoints: text, documentation: 'https://docs.anyscale.com/endpoints/' },
  {
    id: 'nomic', name: 'Nomic', baseUrl: 'https://api-atlas.nomic.ai/v1', endpoints: ['embed'], adapters: { embed: nomicEmbedAdapter }, settings: [nomicTaskTypeSetting],
    documentation: 'https://docs.nomic.ai/reference/endpoints/nomic-embed-text',
  },
  { id: 'ai21', name: 'AI21 Labs', baseUrl: 'https://api.ai21.com/studio/v1', endpoints: ['chatComplete', 'proxy'], documentation: 'https://docs.ai21.com/reference/jamba-1-6-api-ref' },
  { id: 'cerebras', name: 'Cerebras', baseUrl: 'https://api.cerebras.ai/v1', endpoints: chatAndCompletions, documentation: 'https://inference-docs.cerebras.ai/resources/openai' },
  { id: 'sambanova', name: 'SambaNova', baseUrl: 'https://api.sambanova.ai/v1', endpoints: ['chatComplete', 'embed', 'createTranscription', 'listModels', 'proxy'], documentation: 'https://docs.sambanova.ai/cloud/docs/capabilities/openai-compatibility' },
  { id: 'lm-studio', name: 'LM Studio', baseUrl: 'http://localhost:1234/v1', endpoints: text, documentation: 'https://lmstudio.ai/docs/app/api/endpoints/openai' },
  { id: 'hyperbolic', name: 'Hyperbolic', baseUrl: 'https://api.hyperbolic.xyz/v1', endpoints: chatAndCompletions, documentation: 'https://docs.hyperbolic.xyz/docs/rest-api' },
  { id: 'lambda', name: 'Lambda', baseUrl: 'https://api.lambda.ai/v1', endpoints: chatAndCompletions, documentation: 'https://docs.lambda.ai/public-cloud/lambda-inference-api/' },
  { id: 'nebius', name: 'Nebius AI Studio', baseUrl: 'https://api.studio.nebius.com/v1', endpoints: text, documentation: 'https://docs.nebius.com/studio/inference/api' },
  { id: 'moonshot', name: 'Moonshot AI', baseUrl: 'https://api.moonshot.cn/v1', endpoints: chat, documentation: 'https://platform.moonshot.cn/docs/api/chat' },
  { id: 'dashscope', name: 'Alibaba Cloud Model Studio', baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', endpoints: ['chatComplete', 'embed', 'proxy'], documentation: 'https://help.aliyun.com/zh/model-studio/compatibility-of-openai-with-dashscope' },
  { id: 'siliconflow', name: 'SiliconFlow', baseUrl: 'https://api.siliconflow.cn/v1', endpoints: [...text, 'imageGenerate'], documentation: 'https://docs.siliconflow.cn/' },
  { id: 'huggingface', name: 'Hugging Face Inference Providers', baseUrl: 'https://router.huggingface.co/v1', endpoints: chat, documentation: 'https://huggingface.co/docs/inference-providers/index' },
  { id: 'github', name: 'GitHub Models', baseUrl: 'https://models.github.ai/inference', endpoints: ['chatComplete', 'embed', 'proxy'], documentation: 'https://docs.github.com/en/rest/models/inference' },
];

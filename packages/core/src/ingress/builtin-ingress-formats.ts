import { anthropicMessagesFormat } from './anthropic-messages/index.js';
import { openAIResponsesFormat } from './openai-responses/index.js';
import type { IngressFormatV1 } from '@ai-gateway/spec';

/** The client formats the runtimes serve by default, beside OpenAI's chat: Anthropic's `/v1/messages` and OpenAI's `/v1/responses`. */
export const builtinIngressFormats: readonly IngressFormatV1[] = [anthropicMessagesFormat, openAIResponsesFormat];

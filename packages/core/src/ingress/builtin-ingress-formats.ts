import { anthropicMessagesFormat } from './anthropic-messages/index.js';
import type { IngressFormatV1 } from '@ai-gateway/spec';

/** The client formats the runtimes serve by default, beside OpenAI's: Anthropic's `/v1/messages`. */
export const builtinIngressFormats: readonly IngressFormatV1[] = [anthropicMessagesFormat];

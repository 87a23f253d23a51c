/**
 * `POST /v1/messages/count_tokens`: Anthropic's token counting, the body of a Messages request
 * without `max_tokens`, answered `{"input_tokens": N}`.
 * https://docs.anthropic.com/en/api/messages-count-tokens
 *
 * For a target with no counting API the gateway estimates from the text below: every text the
 * model reads (system prompt, messages, tool calls and results, thinking, tool definitions).
 * Images and documents in base64 are not text and are left out.
 */
import type { IngressTokenCountV1, JsonObject } from '@ai-gateway/spec';

type Block = { type?: string; [field: string]: unknown };

function blockText(block: Block, parts: string[]): void {
  if (typeof block !== 'object' || block === null) return;
  switch (block.type) {
    case 'text':
      parts.push(String(block.text ?? ''));
      return;
    case 'thinking':
      parts.push(String(block.thinking ?? ''));
      return;
    case 'tool_use':
      parts.push(String(block.name ?? ''), JSON.stringify(block.input ?? {}));
      return;
    case 'tool_result':
      contentText(block.content, parts);
      return;
    case 'document':
      if ((block.source as Block | undefined)?.type === 'text') parts.push(String((block.source as Block).data ?? ''));
      return;
  }
}

function contentText(content: unknown, parts: string[]): void {
  if (typeof content === 'string') parts.push(content);
  else if (Array.isArray(content)) for (const block of content) blockText(block as Block, parts);
}

export function anthropicCountText(body: JsonObject): string {
  const parts: string[] = [];
  contentText(body.system, parts);
  if (Array.isArray(body.messages)) for (const message of body.messages as JsonObject[]) contentText(message?.content, parts);
  if (Array.isArray(body.tools)) {
    for (const tool of body.tools as JsonObject[]) parts.push(String(tool?.name ?? ''), String(tool?.description ?? ''), JSON.stringify(tool?.input_schema ?? {}));
  }
  return parts.join('\n');
}

export const anthropicTokenCount: IngressTokenCountV1 = {
  path: '/messages/count_tokens',
  textOf: anthropicCountText,
  answer: (inputTokens) => ({ input_tokens: inputTokens }),
};

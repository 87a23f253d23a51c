/**
 * OpenAI chat answers in Anthropic's Messages format: the response object, its stop reason and usage.
 * https://docs.anthropic.com/en/api/messages#response
 */
import type { JsonObject } from '@ai-gateway/spec';

/** OpenAI's `finish_reason` as Anthropic's `stop_reason`. */
export function toAnthropicStopReason(finishReason: unknown): string {
  switch (finishReason) {
    case 'length': return 'max_tokens';
    case 'tool_calls':
    case 'function_call': return 'tool_use';
    case 'content_filter': return 'refusal';
    default: return 'end_turn';
  }
}

interface ChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

/** OpenAI counts the whole prompt in `prompt_tokens`; Anthropic's `input_tokens` leaves cache reads out. */
export function toAnthropicUsage(usage: ChatUsage | undefined) {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}

/** Tool arguments are a JSON string in OpenAI's format and an object in Anthropic's. */
export function parseToolInput(argumentsText: unknown): unknown {
  if (typeof argumentsText !== 'string' || argumentsText === '') return {};
  try {
    return JSON.parse(argumentsText);
  } catch {
    // A model that wrote invalid JSON: Anthropic's format has no place for the raw text.
    return {};
  }
}

/**
 * The reasoning text an OpenAI-format answer carries, under either name in use: `reasoning_content`
 * (DeepSeek, vLLM, and this gateway's own translations) or `reasoning` (OpenRouter, Ollama, Groq).
 */
export function reasoningTextOf(messageOrDelta: { reasoning_content?: unknown; reasoning?: unknown }): string {
  if (typeof messageOrDelta.reasoning_content === 'string') return messageOrDelta.reasoning_content;
  return typeof messageOrDelta.reasoning === 'string' ? messageOrDelta.reasoning : '';
}

export function chatToAnthropicResponse(completion: any, request: JsonObject) {
  const choice = completion?.choices?.[0];
  const message = choice?.message ?? {};
  const content: JsonObject[] = [];
  // Reasoning comes first, as Claude's thinking does. It has no signature: only Anthropic signs thinking.
  const reasoning = reasoningTextOf(message);
  if (reasoning !== '') content.push({ type: 'thinking', thinking: reasoning, signature: '' });
  if (typeof message.content === 'string' && message.content !== '') content.push({ type: 'text', text: message.content });
  if (typeof message.refusal === 'string' && message.refusal !== '') content.push({ type: 'text', text: message.refusal });
  for (const call of message.tool_calls ?? []) {
    content.push({ type: 'tool_use', id: call.id, name: call.function?.name, input: parseToolInput(call.function?.arguments) });
  }
  return {
    id: completion?.id ?? `msg_${crypto.randomUUID()}`,
    type: 'message',
    role: 'assistant',
    model: completion?.model ?? request.model,
    content,
    stop_reason: message.refusal ? 'refusal' : toAnthropicStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: toAnthropicUsage(completion?.usage),
  };
}

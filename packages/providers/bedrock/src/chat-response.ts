/**
 * A Converse response -> an OpenAI `chat.completion`.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 */
import type { ProviderCall, UpstreamResponse } from '@ai-gateway/spec';
import { chatCompletionResponse, type ThinkingBlock } from '@ai-gateway/provider-utils';
import { mapStopReason } from './finish-reason.js';
import { mapUsage, type ConverseUsage } from './usage.js';

interface ConverseBlock {
  text?: string;
  toolUse?: { toolUseId: string; name: string; input: unknown };
  /** Text with its signature, or encrypted (`redactedContent`, base64 in JSON). https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ReasoningContentBlock.html */
  reasoningContent?: { reasoningText?: { text?: string; signature?: string }; redactedContent?: string };
}

interface ConverseResponse {
  output?: { message?: { content?: ConverseBlock[] } };
  stopReason?: string;
  usage?: ConverseUsage;
}

export function fromConverseResponse(body: ConverseResponse, call: ProviderCall, upstream: UpstreamResponse) {
  const blocks = body.output?.message?.content ?? [];
  const text = blocks.filter((block) => typeof block.text === 'string').map((block) => block.text).join('');
  const reasoning = blocks.map((block) => block.reasoningContent?.reasoningText?.text ?? '').join('');
  const toolCalls = blocks.filter((block) => block.toolUse).map((block) => ({
    id: block.toolUse!.toolUseId,
    type: 'function' as const,
    function: { name: block.toolUse!.name, arguments: JSON.stringify(block.toolUse!.input ?? {}) },
  }));
  const message: Record<string, unknown> = { content: text || (toolCalls.length > 0 ? null : ''), refusal: null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  // Same field name as DeepSeek and other OpenAI-compatible APIs use for reasoning text.
  if (reasoning) message.reasoning_content = reasoning;
  const thinkingBlocks = blocks.flatMap((block): ThinkingBlock[] => {
    const content = block.reasoningContent;
    if (typeof content?.redactedContent === 'string') return [{ type: 'redacted_thinking', data: content.redactedContent }];
    if (typeof content?.reasoningText?.signature === 'string') return [{ type: 'thinking', thinking: content.reasoningText.text ?? '', signature: content.reasoningText.signature }];
    return [];
  });
  // Claude's signed reasoning, for the next turn to send back (provider-utils' thinking-blocks.ts).
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;
  return chatCompletionResponse({
    id: upstream.headers.get('x-amzn-requestid') ? `chatcmpl-${upstream.headers.get('x-amzn-requestid')}` : undefined,
    model: String(call.body?.model ?? ''),
    message,
    finishReason: mapStopReason(body.stopReason),
    usage: mapUsage(body.usage),
  });
}

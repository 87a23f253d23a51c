/**
 * Gemini's `finishReason` -> OpenAI's `finish_reason`.
 * Values: https://ai.google.dev/api/generate-content#FinishReason
 */

/** Reasons that mean a filter stopped the answer. */
const filteredReasons = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION']);

/**
 * Maps one candidate's finish reason. A call to a function ends with `STOP` in Gemini, so
 * `hasToolCalls` decides `tool_calls`. Reasons OpenAI has no word for (`OTHER`, `LANGUAGE`,
 * `MALFORMED_FUNCTION_CALL`, ...) end the answer normally: `stop`.
 */
export function mapGeminiFinishReason(reason: string | undefined, hasToolCalls: boolean): string | null {
  if (reason === undefined) return null;
  if (hasToolCalls && (reason === 'STOP' || reason === 'FINISH_REASON_UNSPECIFIED')) return 'tool_calls';
  if (reason === 'MAX_TOKENS') return 'length';
  if (filteredReasons.has(reason)) return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop';
}

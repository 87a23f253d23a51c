/**
 * Anthropic's `stop_reason` as OpenAI's `finish_reason`.
 * Values: https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function toOpenAIFinishReason(stopReason: string | null | undefined): string | null {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
    // A paused server-tool turn is a complete answer for this call; the client sends it back to continue.
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    case null:
    case undefined:
      return null;
    default:
      // A stop reason newer than this package: the turn did end, and `stop` is what clients handle.
      return 'stop';
  }
}

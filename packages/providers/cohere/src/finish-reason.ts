/**
 * Cohere's finish reasons as OpenAI's. `null` means the generation failed (`ERROR`): the caller
 * reports an error instead of a finish reason.
 * Reference: https://docs.cohere.com/reference/chat#response.body.finish_reason
 */
export function mapCohereFinishReason(finishReason: string | undefined): string | null {
  switch (finishReason) {
    case 'COMPLETE':
    case 'STOP_SEQUENCE':
    case 'USER_CANCEL':
      return 'stop';
    case 'MAX_TOKENS':
    case 'ERROR_LIMIT':
      return 'length';
    case 'TOOL_CALL':
      return 'tool_calls';
    case 'ERROR_TOXIC':
      return 'content_filter';
    case 'ERROR':
    case 'TIMEOUT':
      return null;
    default:
      // A reason added after this was written: the answer is complete, say so rather than fail.
      return 'stop';
  }
}

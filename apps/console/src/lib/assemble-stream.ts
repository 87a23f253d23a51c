/**
 * A streamed answer is recorded as its events; the console shows what the client read from them:
 * the text (and tool-call arguments) put back together. Each API format names its deltas
 * differently: OpenAI chunks (`choices[].delta`), Anthropic's Messages events
 * (`content_block_delta`) and the Responses API's (`response.output_text.delta`).
 */
export interface AssembledStream {
  text: string;
  toolArguments: string;
  events: number;
  error: string | null;
}

function eventData(text: string): unknown[] {
  const events: unknown[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const data = block
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (!data || data === '[DONE]') continue;
    try {
      events.push(JSON.parse(data));
    } catch {
      // A cut-off last event (the record keeps a bounded head and tail of a long stream).
    }
  }
  return events;
}

export function looksLikeEvents(text: string | null): boolean {
  return text !== null && /^(data|event|:)/m.test(text.trimStart().slice(0, 16));
}

export function assembleStream(text: string): AssembledStream {
  const assembled: AssembledStream = { text: '', toolArguments: '', events: 0, error: null };
  for (const event of eventData(text) as any[]) {
    assembled.events += 1;
    if (event?.error) assembled.error = typeof event.error === 'string' ? event.error : (event.error.message ?? JSON.stringify(event.error));
    const delta = event?.choices?.[0]?.delta;
    if (delta) {
      if (typeof delta.content === 'string') assembled.text += delta.content;
      for (const call of delta.tool_calls ?? []) assembled.toolArguments += call?.function?.arguments ?? '';
      continue;
    }
    if (event?.type === 'content_block_delta') {
      if (event.delta?.type === 'text_delta') assembled.text += event.delta.text ?? '';
      if (event.delta?.type === 'input_json_delta') assembled.toolArguments += event.delta.partial_json ?? '';
      continue;
    }
    if (event?.type === 'response.output_text.delta') assembled.text += event.delta ?? '';
    if (event?.type === 'response.function_call_arguments.delta') assembled.toolArguments += event.delta ?? '';
  }
  return assembled;
}

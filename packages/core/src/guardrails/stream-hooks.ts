/**
 * Output hooks on a streamed answer. Its events pass on as they come while their text is gathered;
 * the last event (`[DONE]`, Anthropic's `message_stop`, the Responses API's `response.completed`
 * or `.incomplete`) is held until the hooks have judged the whole text. A deny then ends the stream
 * with an error event instead (the deltas already sent stay sent); otherwise the held events
 * follow, after a chunk carrying `hook_results` on OpenAI chat streams.
 */
import type { IngressFormatV1 } from '@ai-gateway/spec';
import type { HookResult, SideOutcome } from './run-hooks.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const terminalEvents = new Set(['message_stop', 'response.completed', 'response.incomplete']);

interface ParsedEvent {
  name: string | undefined;
  data: string;
}

function parseEvent(block: string): ParsedEvent {
  let name: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
  }
  return { name, data: data.join('\n') };
}

/** The answer text an event adds, in any of the three formats. */
function textOf(json: any): string {
  if (Array.isArray(json?.choices)) {
    let text = '';
    for (const choice of json.choices) {
      if (typeof choice?.delta?.content === 'string') text += choice.delta.content;
      else if (typeof choice?.text === 'string') text += choice.text;
    }
    return text;
  }
  if (json?.type === 'content_block_delta' && typeof json.delta?.text === 'string') return json.delta.text;
  if (json?.type === 'response.output_text.delta' && typeof json.delta === 'string') return json.delta;
  return '';
}

export function guardStreamedAnswer(
  body: ReadableStream<Uint8Array>,
  judge: (text: string) => Promise<SideOutcome>,
  before: HookResult[],
  ingress?: IngressFormatV1,
): ReadableStream<Uint8Array> {
  let buffer = '';
  let text = '';
  let held = '';
  let failed = false;
  let isChat = false;
  let chunkId: unknown;

  const onEvent = (block: string, controller: TransformStreamDefaultController<Uint8Array>) => {
    const event = parseEvent(block);
    const terminal = held !== '' || event.data === '[DONE]' || (event.name !== undefined && terminalEvents.has(event.name));
    if (terminal) {
      held += `${block}\n\n`;
      return;
    }
    if (event.data !== '' && event.data.startsWith('{')) {
      try {
        const json = JSON.parse(event.data);
        if (json?.error) failed = true;
        if (json?.object === 'chat.completion.chunk') {
          isChat = true;
          chunkId ??= json.id;
        }
        text += textOf(json);
      } catch {
        // Not JSON: passed on as it is; it adds no text.
      }
    }
    controller.enqueue(encoder.encode(`${block}\n\n`));
  };

  return body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.search(/\r?\n\r?\n/);
      while (end !== -1) {
        const separator = buffer[end] === '\r' ? 4 : 2;
        onEvent(buffer.slice(0, end), controller);
        buffer = buffer.slice(end + separator);
        end = buffer.search(/\r?\n\r?\n/);
      }
    },
    async flush(controller) {
      if (buffer.trim() !== '') onEvent(buffer, controller);
      // A stream that failed, or ended without its last event, has already told the client.
      if (failed || held === '') {
        if (held !== '') controller.enqueue(encoder.encode(held));
        return;
      }
      const outcome = await judge(text);
      const results = { before_request_hooks: before, after_request_hooks: outcome.results };
      if (outcome.denied) {
        const error = { message: 'The guardrail checks defined in the config failed on the answer. You can find more information in the `hook_results` object.', type: 'hooks_failed', param: null, code: 'guardrail_denied' };
        // A client of another format gets its own error event (without the results, which it has no place for).
        controller.enqueue(ingress ? ingress.encodeStreamError(error) : encoder.encode(`data: ${JSON.stringify({ error, hook_results: results })}\n\n`));
        return;
      }
      if (isChat) controller.enqueue(encoder.encode(`data: ${JSON.stringify({ id: chunkId, object: 'chat.completion.chunk', choices: [], hook_results: results })}\n\n`));
      controller.enqueue(encoder.encode(held));
    },
  }));
}

/**
 * The assistant text of an answer, read the way a client of the answer's API reads it, so the
 * probe and the stream check can tell a real answer from a 200 that carries something else.
 *
 * - `chat`: OpenAI chat completions. JSON `choices[0].message.content`; a stream of
 *   `chat.completion.chunk` data lines (`choices[0].delta.content`) ending with `data: [DONE]`.
 *   https://platform.openai.com/docs/api-reference/chat/object
 *   https://platform.openai.com/docs/api-reference/chat-streaming
 * - `responses`: OpenAI's Responses API. JSON: the `output_text` parts of the `message` items in
 *   `output` (other items, such as reasoning, carry no answer text); a stream of named events whose
 *   text comes in `response.output_text.delta` (`delta`) and which ends with `response.completed`
 *   (there is no `[DONE]`).
 *   https://platform.openai.com/docs/api-reference/responses/object
 *   https://platform.openai.com/docs/api-reference/responses-streaming
 * - `anthropic`: Anthropic Messages, what the floor gets from the mock. JSON: the `text` blocks of
 *   `content`; a stream whose text comes in `content_block_delta` events of type `text_delta` and
 *   which ends with `message_stop`.
 *   https://docs.anthropic.com/en/api/messages-streaming
 *
 * @typedef {'chat' | 'responses' | 'anthropic'} AnswerFormat
 */

/** @param {unknown} value */
const isString = (value) => typeof value === 'string';

/**
 * The answer text of a JSON answer, or undefined where the body is not an answer of that format.
 * @param {unknown} json @param {AnswerFormat} [format]
 * @returns {string | undefined}
 */
export function answerTextOf(json, format = 'chat') {
  const answer = /** @type {any} */ (json);
  if (format === 'chat') {
    const content = answer?.choices?.[0]?.message?.content;
    return isString(content) ? content : undefined;
  }
  if (format === 'responses') {
    if (answer?.object !== 'response' || !Array.isArray(answer.output)) return undefined;
    const parts = answer.output
      .filter((item) => item?.type === 'message' && Array.isArray(item.content))
      .flatMap((item) => item.content.filter((part) => part?.type === 'output_text' && isString(part.text)));
    return parts.length === 0 ? undefined : parts.map((part) => part.text).join('');
  }
  if (!Array.isArray(answer?.content)) return undefined;
  const blocks = answer.content.filter((block) => block?.type === 'text' && isString(block.text));
  return blocks.length === 0 ? undefined : blocks.map((block) => block.text).join('');
}

/**
 * Server-sent events as `{ name, data }`, `data` being the event's data lines joined.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 * @param {string} body
 */
function* serverSentEvents(body) {
  for (const block of body.split(/\r?\n\r?\n/)) {
    let name = '';
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
    if (data.length > 0) yield { name, data: data.join('\n') };
  }
}

/** @param {string} data */
function parsedOrUndefined(data) {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** What ends a complete stream of each format: the check that a stream was not cut short. */
export const streamEndings = { chat: '[DONE]', responses: 'response.completed', anthropic: 'message_stop' };

/**
 * The text a streamed answer carried, and whether it ended as a complete stream of its format ends.
 * @param {string} body the whole event stream @param {AnswerFormat} format
 * @returns {{ text: string, complete: boolean }}
 */
export function readStreamedAnswer(body, format) {
  let text = '';
  let complete = false;
  for (const event of serverSentEvents(body)) {
    if (format === 'chat' && event.data.trim() === '[DONE]') {
      complete = true;
      continue;
    }
    const data = parsedOrUndefined(event.data);
    const type = data?.type ?? event.name;
    if (format === 'chat') {
      const content = data?.choices?.[0]?.delta?.content;
      if (isString(content)) text += content;
    } else if (format === 'responses') {
      if (type === 'response.output_text.delta' && isString(data?.delta)) text += data.delta;
      if (type === 'response.completed') complete = true;
    } else {
      if (type === 'content_block_delta' && data?.delta?.type === 'text_delta' && isString(data.delta.text)) text += data.delta.text;
      if (type === 'message_stop') complete = true;
    }
  }
  return { text, complete };
}

/**
 * The answers the mock upstream gives: fixed OpenAI and Anthropic bodies and SSE chunks.
 * Built once at start-up so the mock spends its CPU on sockets, not on JSON, and the floor
 * measures the network path rather than the mock's own work.
 */

const created = 1_700_000_000;
const model = 'bench-model';
const answerText = 'Hello from the benchmark upstream.';

/** @param {unknown} value */
const jsonBuffer = (value) => Buffer.from(JSON.stringify(value));

export const openAiCompletion = jsonBuffer({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created,
  model,
  choices: [{ index: 0, message: { role: 'assistant', content: answerText }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 },
});

export const anthropicMessage = jsonBuffer({
  id: 'msg_bench',
  type: 'message',
  role: 'assistant',
  content: [{ type: 'text', text: answerText }],
  model,
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 9, output_tokens: 7 },
});

export const serviceUnavailable = jsonBuffer({
  error: { message: 'The benchmark failing upstream always answers 503.', type: 'server_error', param: null, code: 'unavailable' },
});

/** The text pieces a stream sends, one per content chunk. */
function streamPieces(chunkCount) {
  return Array.from({ length: chunkCount }, (_, index) => `token${index} `);
}

/**
 * OpenAI chat completion chunks: a role chunk, `chunkCount` content chunks, a finish chunk, [DONE].
 * @param {number} chunkCount
 * @returns {Buffer[]}
 */
export function openAiStreamEvents(chunkCount) {
  const { head, content, tail } = openAiStreamParts;
  return [...head, ...streamPieces(chunkCount).map(content), ...tail(chunkCount)];
}

const openAiChunk = (delta, finishReason = null) =>
  Buffer.from(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`);

/** An OpenAI stream in three parts, so a paced stream can make its content events as it sends them. */
export const openAiStreamParts = {
  head: [openAiChunk({ role: 'assistant', content: '' })],
  /** @param {string} text */
  content: (text) => openAiChunk({ content: text }),
  tail: () => [openAiChunk({}, 'stop'), Buffer.from('data: [DONE]\n\n')],
};

/**
 * Anthropic Messages stream events, in the order the real API sends them.
 * @param {number} chunkCount
 * @returns {Buffer[]}
 */
export function anthropicStreamEvents(chunkCount) {
  const { head, content, tail } = anthropicStreamParts;
  return [...head, ...streamPieces(chunkCount).map(content), ...tail(chunkCount)];
}

const anthropicEvent = (type, data) => Buffer.from(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);

/** An Anthropic stream in three parts (see openAiStreamParts). */
export const anthropicStreamParts = {
  head: [
    anthropicEvent('message_start', {
      message: { id: 'msg_bench', type: 'message', role: 'assistant', content: [], model, stop_reason: null, stop_sequence: null, usage: { input_tokens: 9, output_tokens: 1 } },
    }),
    anthropicEvent('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  ],
  /** @param {string} text */
  content: (text) => anthropicEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }),
  /** @param {number} chunkCount */
  tail: (chunkCount) => [
    anthropicEvent('content_block_stop', { index: 0 }),
    anthropicEvent('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: chunkCount } }),
    anthropicEvent('message_stop', {}),
  ],
};

export const expectedAnswerText = answerText;

/** The text a streamed answer of `chunkCount` content chunks carries, whatever its format. @param {number} chunkCount */
export const expectedStreamText = (chunkCount) => streamPieces(chunkCount).join('');

/**
 * A paced stream's text pieces carry the time the mock sent them (`token3@<µs> `), in microseconds
 * on the clock `stampMicroseconds` reads, so a client can tell how long each piece took to reach
 * it through whatever translated the events around it: only the text survives every translation.
 */
export const stampedPiece = (index, sentAtMicroseconds) => `token${index}@${sentAtMicroseconds} `;
export const stampPattern = /token(\d+)@(\d+) /g;

/** Microseconds on a clock every process on the machine shares (the wall clock's origin, advanced monotonically). */
export const stampMicroseconds = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

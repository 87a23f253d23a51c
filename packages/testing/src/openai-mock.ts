/**
 * An upstream that answers in OpenAI's wire format, following the API reference's documented
 * shapes (https://platform.openai.com/docs/api-reference): enough for every endpoint the gateway serves.
 */
import type { MockHandler, RecordedRequest } from './mock-upstream.js';
import { sendEvents, sendJson } from './mock-upstream.js';

export const mockChatText = 'Hello from the mock upstream';
export const mockStreamPieces = ['Hello', ' from', ' the', ' stream'];
export const mockEmbedding = [0.25, -0.5, 1];
export const mockSpeechBytes = Buffer.from('ID3-mock-audio-bytes');

export function chatCompletion(model: string, content = mockChatText) {
  return {
    id: 'chatcmpl-mock1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 9, completion_tokens: 5, total_tokens: 14 },
  };
}

export function chatChunkEvents(model: string, pieces: readonly string[] = mockStreamPieces, includeUsage = false): string[] {
  const chunk = (delta: object, finishReason: string | null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-mock1', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`;
  const events = [chunk({ role: 'assistant', content: '' }, null), ...pieces.map((piece) => chunk({ content: piece }, null)), chunk({}, 'stop')];
  if (includeUsage) {
    events.push(`data: ${JSON.stringify({ id: 'chatcmpl-mock1', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [], usage: { prompt_tokens: 9, completion_tokens: pieces.length, total_tokens: 9 + pieces.length } })}\n\n`);
  }
  events.push('data: [DONE]\n\n');
  return events;
}

function embeddingsBody(request: RecordedRequest) {
  const inputs = Array.isArray(request.json.input) ? request.json.input : [request.json.input];
  const asBase64 = request.json.encoding_format === 'base64';
  return {
    object: 'list',
    data: inputs.map((_: unknown, index: number) => ({
      object: 'embedding',
      index,
      embedding: asBase64 ? Buffer.from(new Float32Array(mockEmbedding).buffer).toString('base64') : mockEmbedding,
    })),
    model: request.json.model,
    usage: { prompt_tokens: 4, total_tokens: 4 },
  };
}

/** Answers every OpenAI endpoint; other paths echo what they received. */
export function openAIMockHandler(options: { streamDelayMs?: number } = {}): MockHandler {
  return async (request, response) => {
    const path = request.url.split('?')[0];
    if (path.endsWith('/chat/completions')) {
      if (request.json?.stream) {
        return sendEvents(response, chatChunkEvents(request.json.model, mockStreamPieces, request.json.stream_options?.include_usage), options.streamDelayMs);
      }
      return sendJson(response, 200, chatCompletion(request.json.model), { 'x-request-id': 'req_mock_1' });
    }
    if (path.endsWith('/completions')) {
      return sendJson(response, 200, {
        id: 'cmpl-mock1', object: 'text_completion', created: 1_700_000_000, model: request.json.model,
        choices: [{ text: ' completed text', index: 0, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 },
      });
    }
    if (path.endsWith('/embeddings')) return sendJson(response, 200, embeddingsBody(request));
    if (path.endsWith('/images/generations')) {
      return sendJson(response, 200, { created: 1_700_000_000, data: [{ url: 'https://images.example/mock.png', revised_prompt: request.json.prompt }] });
    }
    if (path.endsWith('/audio/speech')) {
      response.writeHead(200, { 'content-type': 'audio/mpeg' });
      return void response.end(mockSpeechBytes);
    }
    if (path.endsWith('/audio/transcriptions') || path.endsWith('/audio/translations')) {
      return sendJson(response, 200, { text: `heard ${request.body.length} bytes` });
    }
    if (path.endsWith('/models') && request.method === 'GET') {
      return sendJson(response, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1_700_000_000, owned_by: 'mock' }] });
    }
    return sendJson(response, 200, { echo: { method: request.method, url: request.url, body: request.json ?? null } });
  };
}

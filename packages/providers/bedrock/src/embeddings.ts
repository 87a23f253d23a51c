/**
 * `/v1/embeddings` on Bedrock's InvokeModel (`POST /model/{modelId}/invoke`), for the two
 * embedding families with a known body shape, chosen by the model id:
 * - Cohere (`cohere.embed-*`): `{texts, input_type}` -> `{embeddings}`; `input_type` defaults to
 *   `search_document` and can be sent as an extra body field; `dimensions` -> `output_dimension`.
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
 * - Titan (every other model id, e.g. `amazon.titan-embed-text-v2:0`): `{inputText, dimensions}`
 *   -> `{embedding, inputTextTokenCount}`. Titan embeds one text per call, so an input array
 *   of more than one text is refused with a 400.
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
 * Vectors come back as floats or base64, as the client's `encoding_format` asks.
 */
import type { JsonObject, ProviderCall, UpstreamResponse } from '@ai-gateway/spec';
import { embeddingsToOpenAI, invalidRequest } from '@ai-gateway/provider-utils';

export function isCohereModel(model: string): boolean {
  return model.includes('cohere.');
}

function inputTexts(input: unknown): string[] {
  const texts = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === 'string')) {
    throw invalidRequest('Bedrock embeddings take input as a string or an array of strings (not token ids).', 'input', 'invalid_input');
  }
  return texts;
}

export function toEmbeddingsRequest(body: JsonObject): JsonObject {
  const model = String(body.model ?? '');
  const texts = inputTexts(body.input);
  if (isCohereModel(model)) {
    const request: JsonObject = { texts, input_type: typeof body.input_type === 'string' ? body.input_type : 'search_document' };
    if (body.truncate !== undefined) request.truncate = body.truncate;
    if (body.dimensions !== undefined) request.output_dimension = body.dimensions;
    return request;
  }
  if (texts.length > 1) {
    throw invalidRequest('Titan embedding models embed one text per request; send input as a single string.', 'input', 'unsupported_parameter');
  }
  const request: JsonObject = { inputText: texts[0] };
  if (body.dimensions !== undefined) request.dimensions = body.dimensions;
  if (body.normalize !== undefined) request.normalize = body.normalize;
  return request;
}

interface EmbeddingsResponse {
  embedding?: number[];
  inputTextTokenCount?: number;
  embeddings?: number[][] | { float?: number[][] };
}

export function fromEmbeddingsResponse(body: EmbeddingsResponse, call: ProviderCall, upstream: UpstreamResponse) {
  const vectors = Array.isArray(body.embeddings) ? body.embeddings : body.embeddings?.float ?? (body.embedding ? [body.embedding] : []);
  // Cohere's body has no token count; Bedrock sends it in a header for every InvokeModel call.
  const tokens = body.inputTextTokenCount ?? Number(upstream.headers.get('x-amzn-bedrock-input-token-count') ?? 0);
  return embeddingsToOpenAI(vectors, {
    model: String(call.body?.model ?? ''),
    encodingFormat: call.body?.encoding_format,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

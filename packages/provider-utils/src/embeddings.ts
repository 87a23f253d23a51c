/**
 * OpenAI's embeddings response, built from bare vectors. The openai SDK asks for
 * `encoding_format: "base64"` unless told otherwise and decodes it as little-endian float32,
 * so a translated provider must answer in the encoding the client asked for.
 */

/** Float vector -> base64 of its little-endian float32 bytes. */
export function embeddingToBase64(vector: readonly number[]): string {
  const floats = new Float32Array(vector);
  const bytes = new Uint8Array(floats.buffer);
  // Typed arrays use the platform's byte order; every runtime we target is little-endian.
  let binary = '';
  const chunkSize = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunkSize));
  }
  return btoa(binary);
}

export interface EmbeddingsResponseOptions {
  model: string;
  /** The client's `encoding_format`; `base64` encodes, anything else keeps floats. */
  encodingFormat?: unknown;
  usage: { prompt_tokens: number; total_tokens: number };
}

export function embeddingsToOpenAI(vectors: readonly (readonly number[])[], options: EmbeddingsResponseOptions) {
  const asBase64 = options.encodingFormat === 'base64';
  return {
    object: 'list' as const,
    data: vectors.map((vector, index) => ({
      object: 'embedding' as const,
      index,
      embedding: asBase64 ? embeddingToBase64(vector) : vector,
    })),
    model: options.model,
    usage: options.usage,
  };
}

/**
 * Vertex AI answers errors in Google's shape (`{"error": {"code", "message", "status"}}`), except
 * that Claude's own errors come through in Anthropic's (`{"type": "error", "error": {...}}`).
 */
import type { ProviderErrorDetails } from '@ai-gateway/spec';
import { fromAnthropicError } from '@ai-gateway/provider-anthropic';
import { transformGeminiError } from '@ai-gateway/provider-google';

/** `ProviderV1.transformError` for vertex-ai: Anthropic's shape when the body is one, Google's otherwise. */
export function transformVertexError(status: number, body: unknown): ProviderErrorDetails | undefined {
  if ((body as { type?: unknown } | null)?.type === 'error') return fromAnthropicError(status, body);
  return transformGeminiError(status, body);
}

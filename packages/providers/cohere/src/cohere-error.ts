import type { ProviderErrorDetails } from '@ai-gateway/spec';

/**
 * Cohere errors are `{ "message": "..." }` (v2 adds an `id`); the status tells the kind, so the
 * OpenAI `type` comes from it. Reference: https://docs.cohere.com/reference/errors
 */
export function transformCohereError(_status: number, body: unknown): ProviderErrorDetails | undefined {
  if (typeof body === 'string' && body.trim() !== '') return { message: body.trim() };
  const message = (body as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return { message };
  return undefined;
}

import type { ProviderErrorDetails } from '@ai-gateway/spec';

/**
 * Stability errors: v2beta `{ id, name, errors: [...] }`, v1 `{ id, name, message }`. The `name`
 * (`bad_request`, `content_moderation`, ...) becomes the OpenAI `code`.
 * Reference: https://platform.stability.ai/docs/api-reference#tag/Generate
 */
export function transformStabilityError(_status: number, body: unknown): ProviderErrorDetails | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { name, errors, message } = body as { name?: unknown; errors?: unknown; message?: unknown };
  const text = Array.isArray(errors) && errors.length > 0 ? errors.map(String).join('; ') : typeof message === 'string' ? message : undefined;
  if (!text) return undefined;
  return { message: text, code: typeof name === 'string' ? name : null };
}

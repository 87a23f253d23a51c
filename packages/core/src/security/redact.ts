/**
 * Log lines name targets by their URLs, and a URL can carry a secret: a custom host with userinfo
 * (`http://admin:secret@host/v1`) or a key in its query (`?api-key=...`). Every log line the
 * gateway writes passes through here first, whatever logger the operator plugs in.
 */

/** `scheme://user:password@` */
const userinfo = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'|]+@/gi;
/** `?name=value` and `&name=value`: the names stay (they tell what was set), the values go. */
const queryValue = /([?&][^\s=&#"'|]+=)[^\s&#"'|]*/g;
/** `Bearer <token>`, as in an Authorization header quoted in an error. */
const bearerToken = /\b(Bearer\s+)[^\s"',]+/gi;

/** The text with URL userinfo, query values and bearer tokens replaced by `***`. */
export function redactSecrets(text: string): string {
  return text.replace(userinfo, '$1***@').replace(queryValue, '$1***').replace(bearerToken, '$1***');
}

/** Fields of a log line with every string (at any depth) redacted. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 8 || typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return redactSecrets(value.message);
  if (Array.isArray(value)) return value.map((item) => redactFields(item, depth + 1));
  const redacted: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) redacted[key] = redactFields(item, depth + 1);
  return redacted;
}

/**
 * A path the gateway appends to a base URL must stay below that base: a custom host's base path
 * (`https://proxy.internal/team-a/v1`) is a boundary the client may not cross. URL parsing is what
 * crosses it: `..` and `.` segments are resolved, a backslash counts as `/` in http(s) URLs, tabs
 * and newlines are dropped (so `.\t.` becomes `..`), and `%2e` counts as `.` in a dot-segment.
 * Servers and proxies behind a custom host may then decode `%2f` and `%5c` and resolve what they
 * find. Such paths are refused outright rather than cleaned: no API the gateway serves needs them.
 * See docs/security.md.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';

/** Control characters (the URL parser drops tabs and newlines), backslashes (`/` in http URLs) and `#`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
const unsafeCharacter = /[\u0000-\u001f\u007f\\#]/;
/** Percent-encoded `.`, `\` and control characters, also double-encoded (`%252e`), in any case. */
const encodedDotOrBackslash = /%(?:25)*(?:2e|5c|[01][0-9a-f]|7f)/i;
/**
 * Segments are split at `/` and at an encoded one too: a server or proxy that decodes `%2F`
 * must not find a dot-segment either. An encoded slash is otherwise allowed: the openai SDK
 * encodes `meta-llama/Llama-3` in `/models/{id}` that way, and Bedrock model ARNs need it.
 */
const segmentSeparator = /\/|%(?:25)*2f/i;

function refuse(path: string, reason: string, param: string): never {
  const shown = JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}...` : path).slice(1, -1);
  throw invalidRequest(`Invalid path '${shown}': ${reason}.`, param, 'invalid_path');
}

function hasDotSegment(path: string): boolean {
  for (const segment of path.split(segmentSeparator)) {
    if (segment === '.' || segment === '..') return true;
  }
  return false;
}

/**
 * Checks a path (with an optional `?query`) that the gateway appends to an upstream base URL, and
 * returns it unchanged; throws a 400 (`invalid_path`, with `param` as the error's param) when it
 * could leave the base path: a dot segment (`.` or `..`, also between encoded slashes), a
 * backslash, a control character, a `#`, or a percent-encoded `.`, `\` or control character
 * (`%2e`, `%5c`, `%09`, ..., in any case, also double-encoded as `%252e`). A non-empty path must
 * start with `/`, so it cannot extend the base URL's host.
 *
 * @example
 * ```ts
 * checkUpstreamPath('/files/file-abc');            // '/files/file-abc'
 * checkUpstreamPath('/models/meta-llama%2FLlama-3'); // allowed: no segment is a dot-segment
 * checkUpstreamPath('/a/..%5c..%5cadmin');         // throws a 400: percent-encoded backslash
 * ```
 */
export function checkUpstreamPath(path: string, param = 'path'): string {
  const queryStart = path.indexOf('?');
  const pathPart = queryStart === -1 ? path : path.slice(0, queryStart);
  if (pathPart !== '' && pathPart.charCodeAt(0) !== 47 /* / */) refuse(path, 'it must start with /', param);
  if (unsafeCharacter.test(path)) refuse(path, 'control characters, backslashes and # are not allowed', param);
  if (encodedDotOrBackslash.test(pathPart)) refuse(path, 'percent-encoded dots, backslashes and control characters are not allowed', param);
  if (hasDotSegment(pathPart)) refuse(path, "'.' and '..' segments are not allowed", param);
  return path;
}

/**
 * A passthrough request's path below `/v1`, checked twice: as the client sent it (from `url`, the
 * request's full URL, still percent-encoded) and as the router decoded it (`path`, which is what
 * goes upstream). The router decodes `%2e` and `%5c`, so `..%5c..%5cadmin` arrives as `..\..\admin`,
 * and keeps `%25`, so a double-encoded `%252e` arrives as it was sent. Returns `path`.
 */
export function checkPassthroughPath(url: string, path: string): string {
  const pathStart = url.indexOf('/', url.indexOf('://') + 3);
  if (pathStart !== -1) {
    const queryStart = url.indexOf('?', pathStart);
    checkUpstreamPath(url.slice(pathStart, queryStart === -1 ? undefined : queryStart));
  }
  return checkUpstreamPath(path);
}

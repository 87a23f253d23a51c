import { invalidRequest } from './errors.js';

/**
 * One path segment from a value a request chose (a model id, a deployment name): percent-encoded
 * by `encode` (encodeURIComponent unless the API wants its own, such as AWS's), and refused when it
 * is `.` or `..`, which no encoding changes and URL parsing would resolve.
 */
export function encodePathSegment(value: string, param: string, encode: (value: string) => string = encodeURIComponent): string {
  const segment = encode(value);
  if (segment === '.' || segment === '..') throw invalidRequest(`Invalid ${param} '${value}': it cannot be '.' or '..'.`, param, `invalid_${param}`);
  return segment;
}

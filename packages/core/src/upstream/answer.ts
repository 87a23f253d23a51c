/**
 * What the request path hands back until the very end: a status, the headers as a plain record of
 * lower-case names, and a body. It becomes the client's Response once, in the route handler, after
 * the trace headers are added.
 *
 * Why not a Response all the way: a Response copies its headers into a Web `Headers` (validated,
 * kept in a map), core then added the trace headers to that, and on Node @hono/node-server copied
 * them all out again, sorted, into the plain object Node writes. A record made once and written
 * once skips both copies; on Node the adapter hands it to `writeHead` as it is.
 */

import { readBodyOf, type AnswerBody } from '../stream/answer-body.js';

export { isStreamBody, readBodyOf, type AnswerBody } from '../stream/answer-body.js';

/** Response headers by lower-case name. */
export type HeaderRecord = Record<string, string>;

export interface Answer {
  status: number;
  headers: HeaderRecord;
  body: AnswerBody;
}

export function answerToResponse(answer: Answer): Response {
  return new Response(readBodyOf(answer.body) as BodyInit | null, { status: answer.status, headers: answer.headers });
}

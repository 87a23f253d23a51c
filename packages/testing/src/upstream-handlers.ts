/**
 * Upstream behaviours for mock upstreams: healthy, failing, silent, slow or cut off on purpose, so
 * tests can show how the gateway routes, retries, times out and ends streams around them.
 */
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { sendJson, type MockHandler } from './mock-upstream.js';
import { chatChunkEvents, chatCompletion, openAIMockHandler } from './openai-mock.js';

/** Answers every OpenAI endpoint (see `openAIMockHandler`). */
export const healthy: MockHandler = openAIMockHandler();

/** Answers an OpenAI-shaped error with this status (and extra headers such as retry-after). */
export function failing(status: number, headers: Record<string, string> = {}, message = `upstream says ${status}`): MockHandler {
  return (_, response) => sendJson(response, status, { error: { message, type: 'api_error', param: null, code: null } }, headers);
}

/** Never answers: holds the request open until the test ends. */
export const hanging: MockHandler = () => new Promise(() => {});

/** Answers with the text `who` (JSON, or streamed when asked to) so a test can see which upstream served it. */
export function named(who: string, delayMs = 0): MockHandler {
  return async (request, response) => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (request.json?.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of chatChunkEvents(request.json.model, [who])) response.write(event);
      return void response.end();
    }
    sendJson(response, 200, chatCompletion(request.json?.model ?? 'm', who));
  };
}

/** Runs these handlers in order, one per request, then keeps using the last one. */
export function sequence(...handlers: MockHandler[]): MockHandler {
  let calls = 0;
  return (request, response) => handlers[Math.min(calls++, handlers.length - 1)](request, response);
}

/**
 * Streams `count` chunks (`p0 `, `p1 `, ...) `intervalMs` apart; with `stallAfter` it stops sending
 * at that event without closing, with `destroyAfter` it drops the connection there.
 */
export function slowStream(options: { count: number; intervalMs: number; stallAfter?: number; destroyAfter?: number }): MockHandler {
  return async (_request, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const events = chatChunkEvents('m', Array.from({ length: options.count }, (_, index) => `p${index} `));
    for (let index = 0; index < events.length; index += 1) {
      if (index === options.stallAfter) return new Promise(() => {});
      if (index === options.destroyAfter) return void response.socket?.destroy();
      response.write(events[index]);
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
    response.end();
  };
}

/** A port on 127.0.0.1 nothing listens on: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

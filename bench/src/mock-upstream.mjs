/**
 * The local upstream every system calls: OpenAI chat completions and Anthropic messages, plain or
 * streamed, plus a second server that fails fast (503) for the fallback case. It counts requests
 * per path so the benchmark can tell whether a gateway really fell back or served from its cache.
 * Below `/paced/<interval ms>/<pieces>` the same APIs stream at that pace, the first piece at once
 * and every piece stamped with its send time (the stream-load phase, stream-load.mjs).
 */
import { createServer } from 'node:http';
import {
  anthropicMessage,
  anthropicStreamEvents,
  anthropicStreamParts,
  openAiCompletion,
  openAiStreamEvents,
  openAiStreamParts,
  serviceUnavailable,
  stampedPiece,
  stampMicroseconds,
} from './canned-responses.mjs';

/**
 * @typedef {object} MockUpstreamOptions
 * @property {number} streamChunks content chunks per streamed answer
 * @property {number} firstChunkDelayMs how long a stream stays silent before its first event (the model "thinking")
 * @property {number} chunkIntervalMs pause between stream events
 * @property {number} responseDelayMs pause before a non-streamed answer; 0 so the floor is the network path alone
 */

const sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Reads the body; the mock only needs to know whether a stream was asked for. */
async function readJson(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  if (chunks.length === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return {};
  }
}

function sendJson(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': body.byteLength });
  response.end(body);
}

async function sendStream(response, events, options) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  // Headers go out at once, as real providers do; the first event waits, which is what TTFB measures.
  response.flushHeaders();
  if (options.firstChunkDelayMs > 0) await sleep(options.firstChunkDelayMs);
  for (let index = 0; index < events.length; index++) {
    if (index > 0 && options.chunkIntervalMs > 0) await sleep(options.chunkIntervalMs);
    response.write(events[index]);
  }
  response.end();
}

/**
 * A paced stream: the head events and the first piece at once, then one piece every `intervalMs`,
 * each stamped with the time it is sent (canned-responses.mjs), then the tail. A client that
 * goes away stops it.
 * @param {import('node:http').ServerResponse} response
 * @param {typeof openAiStreamParts} parts
 * @param {{ intervalMs: number, pieces: number }} pace
 */
function sendPacedStream(response, parts, pace) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of parts.head) response.write(event);
  let index = 0;
  const sendPiece = () => {
    if (response.destroyed) return;
    response.write(parts.content(stampedPiece(index, stampMicroseconds())));
    index += 1;
    if (index < pace.pieces) return void setTimeout(sendPiece, pace.intervalMs);
    for (const event of parts.tail(pace.pieces)) response.write(event);
    response.end();
  };
  sendPiece();
}

/** `/paced/<interval ms>/<pieces>/v1/...`: the API path, and the pace its streams keep. */
const pacedPath = /^\/paced\/(\d+)\/(\d+)(\/.*)$/;

function listen(server) {
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/**
 * Starts both servers on 127.0.0.1 with ephemeral ports.
 * @param {MockUpstreamOptions} options
 * @returns {Promise<{ port: number, failingPort: number, close(): void }>}
 */
export async function startMockUpstream(options) {
  const counts = { upstream: {}, failing: {} };
  const count = (server, path) => (counts[server][path] = (counts[server][path] ?? 0) + 1);
  const openAiEvents = openAiStreamEvents(options.streamChunks);
  const anthropicEvents = anthropicStreamEvents(options.streamChunks);

  const upstream = createServer(async (request, response) => {
    const url = request.url ?? '/';
    if (url === '/__stats') return sendJson(response, 200, Buffer.from(JSON.stringify(counts)));
    const paced = pacedPath.exec(url);
    const path = paced ? paced[3] : url;
    count('upstream', path);
    const body = await readJson(request);
    if (paced && body.stream === true) {
      const parts = path === '/v1/messages' ? anthropicStreamParts : path === '/v1/chat/completions' ? openAiStreamParts : undefined;
      if (parts) return sendPacedStream(response, parts, { intervalMs: Number(paced[1]), pieces: Number(paced[2]) });
    }
    if (request.method === 'POST' && path === '/v1/chat/completions') {
      if (body.stream === true) return sendStream(response, openAiEvents, options);
      if (options.responseDelayMs > 0) await sleep(options.responseDelayMs);
      return sendJson(response, 200, openAiCompletion);
    }
    if (request.method === 'POST' && path === '/v1/messages') {
      if (!request.headers['x-api-key']) return sendJson(response, 401, Buffer.from('{"type":"error","error":{"type":"authentication_error","message":"x-api-key header is required"}}'));
      if (body.stream === true) return sendStream(response, anthropicEvents, options);
      if (options.responseDelayMs > 0) await sleep(options.responseDelayMs);
      return sendJson(response, 200, anthropicMessage);
    }
    sendJson(response, 404, Buffer.from('{"error":{"message":"not found in the benchmark upstream","type":"invalid_request_error"}}'));
  });

  const failing = createServer(async (request, response) => {
    const path = request.url ?? '/';
    if (path === '/__stats') return sendJson(response, 200, Buffer.from(JSON.stringify(counts)));
    count('failing', path);
    await readJson(request);
    sendJson(response, 503, serviceUnavailable);
  });

  const [port, failingPort] = await Promise.all([listen(upstream), listen(failing)]);
  return {
    port,
    failingPort,
    close() {
      upstream.close();
      failing.close();
      upstream.closeAllConnections();
      failing.closeAllConnections();
    },
  };
}

/**
 * An upstream answer that streams (events, or a body without a modest declared length), presented
 * as core's `UpstreamResponse` without building a Web `Response`: Node's Response costs more to
 * build than a whole streamed chunk costs to pass on (it copies the headers into a new `Headers`
 * and wraps the stream in its body machinery, only for core to ask for `body` back).
 *
 * The body stays a Node readable until someone asks for it:
 * - `body`: a Web stream of it, for core to transform (a translated stream).
 * - `guardedBody(guard)`: a Web stream that applies core's stream guard itself, one stream instead
 *   of core's second one around `body`. When that stream reaches the client untouched (a stream
 *   passed through), `pipeDirectly` writes the readable straight to the socket, as a plain Node
 *   proxy does: no Web stream, no promise per chunk.
 * - `transformedBody(transform, guard)`: the same for a translated stream, with core's transform
 *   run on each chunk as it is read (no `TransformStream`).
 *
 * Backpressure either way: the readable pauses while the client is not reading, so a stream holds
 * at most the readable's buffer (undici's, 64 KiB) and the socket's writable buffer (16 KiB).
 */
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { DirectTransformV1, StreamGuard, UpstreamResponse } from '@ai-gateway/core';
import { AnswerHead, type BufferedResponseInit } from './buffered-response.js';

/** Told of every chunk that arrives, so a call's timeout measures silences, and of the body's end (see call-deadlines.ts). */
export interface Activity {
  touch(): void;
  finish(): void;
}

/** The streams `guardedBody` made, with a way to write each straight to the client instead. */
const directBodies = new WeakMap<ReadableStream<Uint8Array>, (outgoing: ServerResponse) => void>();

/**
 * Sends the head and writes `body` to `outgoing` directly when it is a guarded upstream stream
 * nobody has read yet. False, with nothing sent, when it is anything else.
 */
export function pipeDirectly(body: ReadableStream<Uint8Array>, outgoing: ServerResponse, status: number, headers: Record<string, string>): boolean {
  const pipe = directBodies.get(body);
  if (!pipe || body.locked) return false;
  directBodies.delete(body);
  outgoing.writeHead(status, headers);
  pipe(outgoing);
  return true;
}

/**
 * A Node readable as a Web ReadableStream that honours backpressure: the readable is paused while
 * the stream's queue is full, and cancelling the stream (the client went away) destroys it, which
 * aborts the upstream request.
 */
function toWebStream(body: Readable, activity: Activity | undefined): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        body.on('data', (chunk: Buffer) => {
          activity?.touch();
          if (settled) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 1) <= 0) body.pause();
        });
        body.once('end', () => {
          activity?.finish();
          if (settled) return;
          settled = true;
          controller.close();
        });
        body.once('error', (error) => {
          activity?.finish();
          if (settled) return;
          settled = true;
          controller.error(error);
        });
      },
      pull() {
        body.resume();
      },
      cancel(reason) {
        activity?.finish();
        settled = true;
        body.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/**
 * The readable through `transform` (a translated stream) and `guard`, as a Web stream, or
 * (`pipeDirectly`) straight to a socket. The readable is not read until one of the two starts: the
 * Web stream's queue holds nothing, so a pipe chosen later finds every chunk still in the readable.
 */
function guardedStream(body: Readable, activity: Activity | undefined, guard: StreamGuard, transform?: DirectTransformV1): ReadableStream<Uint8Array> {
  let started = false;
  let settled = false;
  /** Each end of the body, once, to the guard and then to `sink`. */
  const follow = (sink: { chunk(value: Uint8Array): void; end(): void; fail(lastChunk: Uint8Array | undefined, error: Error | undefined): void }) => {
    started = true;
    const fail = (error: unknown) => {
      settled = true;
      const ending = guard.fail(error);
      sink.fail(ending.lastChunk, ending.error);
    };
    const pass = (chunk: Uint8Array) => {
      guard.chunk(chunk);
      sink.chunk(chunk);
    };
    transform?.connect((chunk) => {
      if (!settled) pass(chunk);
    });
    body.on('data', (chunk: Buffer) => {
      activity?.touch();
      if (settled) return;
      if (!transform) return pass(chunk);
      try {
        transform.transform(chunk);
      } catch (error) {
        // A transform that fails ends the stream as a failing Web stream would, and the upstream call with it.
        fail(error);
        body.destroy();
      }
    });
    body.once('end', () => {
      activity?.finish();
      if (settled) return;
      try {
        transform?.flush();
      } catch (error) {
        return fail(error);
      }
      settled = true;
      guard.end();
      sink.end();
    });
    body.once('error', (error) => {
      activity?.finish();
      if (settled) return;
      fail(error);
    });
  };
  const cancel = (reason?: unknown) => {
    if (settled) return;
    settled = true;
    activity?.finish();
    guard.cancel();
    body.destroy(reason instanceof Error ? reason : undefined);
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!started) {
          follow({
            chunk(value) {
              controller.enqueue(value);
              // Queue size is read against a window of 0: anything queued beyond pending reads pauses.
              if ((controller.desiredSize ?? 0) < 0) body.pause();
            },
            end: () => controller.close(),
            fail(lastChunk, error) {
              if (lastChunk) {
                controller.enqueue(lastChunk);
                controller.close();
              } else controller.error(error);
            },
          });
        }
        body.resume();
      },
      cancel,
    },
    // Nothing is read ahead: a pipe chosen after the stream was made must find every chunk still unread.
    { highWaterMark: 0 },
  );

  directBodies.set(stream, (outgoing) => {
    follow({
      chunk(value) {
        if (!outgoing.write(value)) body.pause();
      },
      end: () => outgoing.end(),
      fail(lastChunk, error) {
        if (lastChunk) outgoing.end(lastChunk);
        else outgoing.destroy(error);
      },
    });
    outgoing.on('drain', () => body.resume());
    // Closed before the end: the client went away.
    outgoing.once('close', () => cancel());
    // Headers go at once when the first chunk is not already here, so a client sees the answer
    // start while the model thinks; otherwise they leave with the first chunk, in one write.
    if (body.readableLength === 0) outgoing.flushHeaders();
  });
  return stream;
}

export class StreamedResponse extends AnswerHead implements UpstreamResponse {
  #readable: Readable;
  #activity: Activity | undefined;
  #body: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;

  constructor(readable: Readable, activity: Activity | undefined, init: BufferedResponseInit) {
    super(init);
    this.#readable = readable;
    this.#activity = activity;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    this.#body ??= toWebStream(this.#readable, this.#activity) as ReadableStream<Uint8Array<ArrayBuffer>>;
    return this.#body;
  }

  guardedBody(guard: StreamGuard): ReadableStream<Uint8Array> {
    return this.transformedBody(undefined, guard);
  }

  transformedBody(transform: DirectTransformV1 | undefined, guard: StreamGuard): ReadableStream<Uint8Array> {
    if (this.#body) throw new TypeError('The body was already asked for without the guard.');
    const stream = guardedStream(this.#readable, this.#activity, guard, transform);
    this.#body = stream as ReadableStream<Uint8Array<ArrayBuffer>>;
    return stream;
  }

  /** Read through a Response: an error answer read whole is rare, and not the streaming path. */
  arrayBuffer(): Promise<ArrayBuffer> {
    return new Response(this.body).arrayBuffer();
  }

  text(): Promise<string> {
    return new Response(this.body).text();
  }

  json(): Promise<unknown> {
    return new Response(this.body).json();
  }
}

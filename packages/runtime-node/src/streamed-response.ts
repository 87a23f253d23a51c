/**
 * An upstream answer that streams (events, or a body without a modest declared length), presented
 * as core's `UpstreamResponse` without building a Web `Response`: Node's Response costs more to
 * build than a whole streamed chunk costs to pass on (it copies the headers into a new `Headers`
 * and wraps the stream in its body machinery, only for core to ask for `body` back).
 *
 * The body stays a Node readable until someone asks for it:
 * - `body`: a Web stream of it, for core to transform (a translated stream).
 * - `guardedBody(guard)`: the body with core's stream guard applied where it is read, held
 *   (`DeferredStreamV1`) until it reaches the client untouched (a stream passed through), when
 *   `pipeDirectly` writes the readable straight to the socket, as a plain Node proxy does: no Web
 *   stream, no promise per chunk. Whatever reads it on the way gets a Web stream of it.
 * - `transformedBody(transform, guard)`: the same for a translated stream, with core's transform
 *   run on each chunk as it is read (no `TransformStream`).
 *
 * Backpressure either way: the readable pauses while the client is not reading, so a stream holds
 * at most the readable's buffer (undici's, 64 KiB) and the socket's writable buffer (16 KiB).
 */
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { DeferredStreamV1, DirectTransformV1, StreamGuard, UpstreamResponse } from '@ai-gateway/core';
import { AnswerHead, type BufferedResponseInit } from './buffered-response.js';

/** Told of every chunk that arrives, so a call's timeout measures silences, and of the body's end (see call-deadlines.ts). */
export interface Activity {
  touch(): void;
  finish(): void;
}

/**
 * Sends the head and writes `body` to `outgoing` directly when it is a guarded upstream stream
 * nobody has read yet. False, with nothing sent, when it is anything else.
 */
export function pipeDirectly(body: unknown, outgoing: ServerResponse, status: number, headers: Record<string, string>): boolean {
  if (!(body instanceof HeldUpstreamStream) || !body.unread) return false;
  outgoing.writeHead(status, headers);
  body.sendTo(outgoing);
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

/** Where the guarded chunks go: a Web stream's controller, or the client's socket. */
interface ChunkSink {
  chunk(value: Uint8Array): void;
  end(): void;
  fail(lastChunk: Uint8Array | undefined, error: Error | undefined): void;
}

/**
 * The upstream readable through `transform` (a translated stream) and `guard`, held until it is
 * sent to the client's socket (`sendTo`, a stream that reaches the client untouched) or read as a
 * Web stream (`stream`, by a cache or an output guardrail on the way). Nothing is read before
 * either: a Web stream made later still finds every chunk in the readable.
 */
class HeldUpstreamStream implements DeferredStreamV1 {
  readonly deferred = true;
  #started = false;
  #settled = false;
  #stream: ReadableStream<Uint8Array> | undefined;

  constructor(
    private readonly body: Readable,
    private readonly activity: Activity | undefined,
    private readonly guard: StreamGuard,
    private readonly transform: DirectTransformV1 | undefined,
  ) {}

  /** Neither sent nor asked for as a Web stream yet. */
  get unread(): boolean {
    return !this.#started && this.#stream === undefined;
  }

  stream(): ReadableStream<Uint8Array> {
    this.#stream ??= new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          if (!this.#started) {
            this.follow({
              chunk: (value) => {
                controller.enqueue(value);
                // Queue size is read against a window of 0: anything queued beyond pending reads pauses.
                if ((controller.desiredSize ?? 0) < 0) this.body.pause();
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
          this.body.resume();
        },
        cancel: (reason) => this.cancel(reason),
      },
      // Nothing is read ahead: what is not yet asked for stays in the readable, paused.
      { highWaterMark: 0 },
    );
    return this.#stream;
  }

  /** Writes the body to the client's socket as it arrives, pausing the upstream while the socket is full. */
  sendTo(outgoing: ServerResponse): void {
    const { body } = this;
    this.follow({
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
    outgoing.once('close', () => this.cancel());
    // Headers go at once when the first chunk is not already here, so a client sees the answer
    // start while the model thinks; otherwise they leave with the first chunk, in one write.
    if (body.readableLength === 0) outgoing.flushHeaders();
  }

  /** Each chunk and the end of the body, once, to the guard and then to `sink`. */
  private follow(sink: ChunkSink): void {
    this.#started = true;
    const { body, activity, guard, transform } = this;
    const fail = (error: unknown) => {
      this.#settled = true;
      const ending = guard.fail(error);
      sink.fail(ending.lastChunk, ending.error);
    };
    const pass = (chunk: Uint8Array) => {
      guard.chunk(chunk);
      sink.chunk(chunk);
    };
    transform?.connect((chunk) => {
      if (!this.#settled) pass(chunk);
    });
    body.on('data', (chunk: Buffer) => {
      activity?.touch();
      if (this.#settled) return;
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
      if (this.#settled) return;
      try {
        transform?.flush();
      } catch (error) {
        return fail(error);
      }
      this.#settled = true;
      guard.end();
      sink.end();
    });
    body.once('error', (error) => {
      activity?.finish();
      if (this.#settled) return;
      fail(error);
    });
  }

  private cancel(reason?: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.activity?.finish();
    this.guard.cancel();
    this.body.destroy(reason instanceof Error ? reason : undefined);
  }
}

export class StreamedResponse extends AnswerHead implements UpstreamResponse {
  #readable: Readable;
  #activity: Activity | undefined;
  #body: ReadableStream<Uint8Array<ArrayBuffer>> | HeldUpstreamStream | undefined;

  constructor(readable: Readable, activity: Activity | undefined, init: BufferedResponseInit) {
    super(init);
    this.#readable = readable;
    this.#activity = activity;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    if (this.#body instanceof HeldUpstreamStream) throw new TypeError('The body was already asked for with the guard.');
    this.#body ??= toWebStream(this.#readable, this.#activity) as ReadableStream<Uint8Array<ArrayBuffer>>;
    return this.#body;
  }

  guardedBody(guard: StreamGuard): DeferredStreamV1 {
    return this.transformedBody(undefined, guard);
  }

  transformedBody(transform: DirectTransformV1 | undefined, guard: StreamGuard): DeferredStreamV1 {
    if (this.#body) throw new TypeError('The body was already asked for without the guard.');
    const held = new HeldUpstreamStream(this.#readable, this.#activity, guard, transform);
    this.#body = held;
    return held;
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

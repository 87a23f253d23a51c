/**
 * A short upstream answer read whole into memory, presented as core's `UpstreamResponse` (what
 * core and providers read of a Web `Response`) without building a Response. Node's Response
 * wraps even a byte body in a ReadableStream and reads it back through a reader when core asks
 * for `arrayBuffer()` or `json()`; for the short JSON answers that make up most model calls that
 * machinery cost more than the rest of the call. This object answers the
 * body readers straight from the bytes and builds a stream only when something asks for `body`.
 *
 * As with fetch, it exists once the headers are in: the bytes are a promise, and a connection
 * that fails mid-body fails the body read, not the fetch.
 */
import type { UpstreamResponse } from '@ai-gateway/core';

const textDecoder = new TextDecoder();

export interface BufferedResponseInit {
  status: number;
  statusText: string;
  headers: Headers;
}

/** The status line and headers of an upstream answer, as a Response has them. */
export class AnswerHead {
  readonly #init: BufferedResponseInit;

  constructor(init: BufferedResponseInit) {
    this.#init = init;
  }

  get status(): number {
    return this.#init.status;
  }

  get ok(): boolean {
    return this.#init.status >= 200 && this.#init.status < 300;
  }

  get statusText(): string {
    return this.#init.statusText;
  }

  get headers(): Headers {
    return this.#init.headers;
  }
}

export class BufferedResponse extends AnswerHead implements UpstreamResponse {
  #bytes: Promise<Uint8Array>;
  #used = false;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;

  constructor(bytes: Promise<Uint8Array>, init: BufferedResponseInit) {
    super(init);
    this.#bytes = bytes;
    // A body nobody reads may fail unobserved; that is not an unhandled rejection.
    bytes.catch(() => {});
  }

  /** A stream of the bytes, made on first use; the other readers then find the body used. */
  get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    if (!this.#stream) {
      const bytes = this.#take();
      this.#stream = new ReadableStream<Uint8Array<ArrayBuffer>>({
        async start(controller) {
          controller.enqueue((await bytes) as Uint8Array<ArrayBuffer>);
          controller.close();
        },
      });
    }
    return this.#stream;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  /** The bytes as read, not a copy: nothing else holds them. */
  bytes(): Promise<Uint8Array> {
    return this.#take();
  }

  async text(): Promise<string> {
    return textDecoder.decode(await this.#take());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  /** The bytes, once: a body can be read only once, as with any Response. */
  #take(): Promise<Uint8Array> {
    if (this.#used) throw new TypeError('Body is unusable: the body has already been read.');
    this.#used = true;
    return this.#bytes;
  }
}

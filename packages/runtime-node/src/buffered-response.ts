/**
 * A short upstream answer read whole into memory, presented as a Web `Response` without building
 * one. Node's Response wraps even a byte body in a ReadableStream and reads it back through a
 * reader when core asks for `arrayBuffer()` or `json()`; for the short JSON answers that make up
 * most model calls that machinery cost more than the rest of the call. This object answers the
 * body readers straight from the bytes and builds a real Response only when something needs one
 * (`body`, `blob()`, `formData()`, `clone()`).
 *
 * As with fetch, it exists once the headers are in: the bytes are a promise, and a connection
 * that fails mid-body fails the body read, not the fetch.
 *
 * The prototype chain reaches `Response.prototype`, so `instanceof Response` holds.
 */
const textDecoder = new TextDecoder();

export interface BufferedResponseInit {
  status: number;
  statusText: string;
  headers: Headers;
}

export class BufferedResponse {
  #bytes: Promise<Uint8Array>;
  #init: BufferedResponseInit;
  #used = false;
  #materialized: Response | undefined;

  constructor(bytes: Promise<Uint8Array>, init: BufferedResponseInit) {
    this.#bytes = bytes;
    // A body nobody reads may fail unobserved; that is not an unhandled rejection.
    bytes.catch(() => {});
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

  get redirected(): boolean {
    return false;
  }

  get type(): ResponseType {
    return 'default';
  }

  get url(): string {
    return '';
  }

  get bodyUsed(): boolean {
    return this.#materialized ? this.#materialized.bodyUsed : this.#used;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#materialize().body;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#materialized) return this.#materialized.arrayBuffer();
    const bytes = await this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  /** The bytes as read, not a copy: nothing else holds them. */
  async bytes(): Promise<Uint8Array> {
    if (this.#materialized) return new Uint8Array(await this.#materialized.arrayBuffer());
    return this.#take();
  }

  async text(): Promise<string> {
    if (this.#materialized) return this.#materialized.text();
    return textDecoder.decode(await this.#take());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  blob(): Promise<Blob> {
    return this.#materialize().blob();
  }

  formData(): Promise<FormData> {
    return this.#materialize().formData();
  }

  clone(): Response {
    return this.#materialize().clone();
  }

  /** The bytes, once: a body can be read only once, as with any Response. */
  #take(): Promise<Uint8Array> {
    if (this.#used) throw new TypeError('Body is unusable: the body has already been read.');
    this.#used = true;
    return this.#bytes;
  }

  #materialize(): Response {
    if (!this.#materialized) {
      const bytes = this.#take();
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(await bytes);
          controller.close();
        },
      });
      this.#materialized = new Response(body, this.#init);
    }
    return this.#materialized;
  }
}
Object.setPrototypeOf(BufferedResponse.prototype, Response.prototype);

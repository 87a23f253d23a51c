/**
 * Stream transforms that a runtime can run without Web streams. On Node 20 every chunk through a
 * `TransformStream` costs promises and queue work, and building one costs tens of microseconds:
 * more than most transforms spend on the chunk. A transform made here is a `TransformStream` for
 * whoever uses it as one (its streams are built when first asked for), and a `DirectTransformV1`
 * for a runtime that reads the upstream body itself (runtime-node: `UpstreamResponse.transformedBody`).
 */
import type { DirectTransformV1 } from '@ai-gateway/spec';

/** A Web Streams transformer whose steps never wait (they return nothing). */
export interface SyncTransformer<Output> {
  start?(output: TransformStreamDefaultController<Output>): void;
  transform(chunk: Uint8Array, output: TransformStreamDefaultController<Output>): void;
  flush?(output: TransformStreamDefaultController<Output>): void;
}

/**
 * What the transformer writes to, standing for the controller of whichever way it runs: the Web
 * stream's, once built, or the runtime's output. Writes before either is known are kept.
 */
class OutputRelay<Output> implements TransformStreamDefaultController<Output> {
  #write: ((chunk: Output) => void) | undefined;
  #controller: TransformStreamDefaultController<Output> | undefined;
  #early: Output[] = [];

  get desiredSize(): number | null {
    return this.#controller ? this.#controller.desiredSize : 1;
  }

  connect(write: (chunk: Output) => void, controller?: TransformStreamDefaultController<Output>): void {
    this.#write = write;
    this.#controller = controller;
    for (const chunk of this.#early) write(chunk);
    this.#early = [];
  }

  enqueue(chunk: Output): void {
    if (this.#write) this.#write(chunk);
    else this.#early.push(chunk);
  }

  error(reason?: unknown): void {
    // Run directly there is no stream to error: failing the step fails it the same way.
    if (this.#controller) this.#controller.error(reason);
    else throw reason;
  }

  terminate(): void {
    if (!this.#controller) throw new TypeError('A transform run directly cannot end its stream early.');
    this.#controller.terminate();
  }
}

const directTransforms = new WeakMap<object, DirectTransformV1>();

/** The transform behind `stream` when it can run without Web streams and has not run as one yet. */
export function directTransformOf(stream: object): DirectTransformV1 | undefined {
  return directTransforms.get(stream);
}

/**
 * A transform stream of `transformer`. Its `start` runs now, as a `TransformStream`'s does; its
 * streams are built when first asked for, and from then on it runs only as a Web stream. Run
 * directly instead, it has no streams to give.
 */
export function createDirectTransformStream<Output>(transformer: SyncTransformer<Output>): TransformStream<Uint8Array, Output> {
  const relay = new OutputRelay<Output>();
  transformer.start?.(relay);
  let stream: TransformStream<Uint8Array, Output> | undefined;
  let runsDirectly = false;
  const built = (): TransformStream<Uint8Array, Output> => {
    if (runsDirectly) throw new TypeError('This transform already runs directly: it has no Web streams.');
    if (!stream) {
      directTransforms.delete(pair);
      stream = new TransformStream<Uint8Array, Output>({
        start: (controller) => relay.connect((chunk) => controller.enqueue(chunk), controller),
        transform: (chunk) => transformer.transform(chunk, relay),
        flush: () => transformer.flush?.(relay),
      });
    }
    return stream;
  };
  const pair = {
    get readable() {
      return built().readable;
    },
    get writable() {
      return built().writable;
    },
  } as TransformStream<Uint8Array, Output>;
  directTransforms.set(pair, {
    connect: (output) => {
      runsDirectly = true;
      directTransforms.delete(pair);
      relay.connect(output as (chunk: Output) => void);
    },
    transform: (chunk) => transformer.transform(chunk, relay),
    flush: () => transformer.flush?.(relay),
  });
  return pair;
}

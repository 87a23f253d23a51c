/**
 * Guards an upstream body so that a failure after the first byte is never a silent cut:
 * an event stream ends with an OpenAI-shaped `data: {"error": ...}` event, any other body errors.
 * Cancelling the guarded stream (the client went away) cancels the upstream read, which aborts it.
 *
 * The guard itself (`createStreamGuard`) is what a runtime applies where it reads the body
 * (`UpstreamResponse.guardedBody`); `guardStream` applies one in a stream of its own around any body.
 */
import type { StreamGuard } from '@ai-gateway/spec';
import { encodeSSEError, GatewayError } from '@ai-gateway/provider-utils';

export interface GuardStreamOptions {
  /** True for `text/event-stream` bodies, which can carry an error event. */
  isEventStream: boolean;
  /** Called for every chunk that arrives (feeds the idle watchdog). */
  onChunk?: () => void;
  /** Turns a read failure into the error the client sees (e.g. a 408 when a watchdog aborted it). */
  describeError?: (error: unknown) => GatewayError;
  /** Called once when the stream ends, with the error if it failed. */
  onEnd?: (error?: GatewayError) => void;
  /** Sees every chunk and the end (the request log: observe/record-draft.ts). */
  observer?: StreamObserver;
  /** The event stream's last event for a failure; OpenAI's `data: {"error": ...}` by default. */
  errorEvent?: (error: GatewayError) => Uint8Array;
}

export interface StreamObserver {
  chunk(value: Uint8Array): void;
  /** The stream ended: whole, failed with `error`, or `cancelled` by the client. */
  ended(error: GatewayError | undefined, cancelled: boolean): void;
}

function midStreamError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('The upstream connection failed while streaming the response.', {
    status: 502,
    type: 'upstream_error',
    code: 'stream_interrupted',
    cause: error,
  });
}

export function createStreamGuard(options: GuardStreamOptions): StreamGuard {
  let finished = false;
  const { onChunk, observer } = options;
  const finish = (error?: GatewayError, cancelled = false) => {
    if (finished) return;
    finished = true;
    options.onEnd?.(error);
    observer?.ended(error, cancelled);
  };
  return {
    chunk(value) {
      onChunk?.();
      observer?.chunk(value);
    },
    end: () => finish(),
    fail(error) {
      const gatewayError = options.describeError?.(error) ?? midStreamError(error);
      finish(gatewayError);
      if (!options.isEventStream) return { error: gatewayError };
      return { lastChunk: options.errorEvent?.(gatewayError) ?? encodeSSEError(gatewayError) };
    },
    cancel: () => finish(undefined, true),
  };
}

export function guardStream(body: ReadableStream<Uint8Array>, options: GuardStreamOptions): ReadableStream<Uint8Array> {
  return guardBodyWith(body, createStreamGuard(options));
}

/** A stream of `body` that passes every chunk through `guard`, and ends as the guard says on a failure. */
export function guardBodyWith(body: ReadableStream<Uint8Array>, guard: StreamGuard): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          guard.end();
          controller.close();
          return;
        }
        guard.chunk(value);
        controller.enqueue(value);
      } catch (error) {
        reader.cancel(error).catch(() => {});
        const ending = guard.fail(error);
        if (ending.lastChunk) {
          controller.enqueue(ending.lastChunk);
          controller.close();
        } else {
          controller.error(ending.error);
        }
      }
    },
    cancel(reason) {
      guard.cancel();
      return reader.cancel(reason);
    },
  });
}

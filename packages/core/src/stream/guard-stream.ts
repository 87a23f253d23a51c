/**
 * Wraps an upstream body so that a failure after the first byte is never a silent cut:
 * an event stream ends with an OpenAI-shaped `data: {"error": ...}` event, any other body errors.
 * Cancelling the guarded stream (the client went away) cancels the upstream read, which aborts it.
 */
import { GatewayError } from '@ai-gateway/provider-utils';
import { encodeSSEError } from '@ai-gateway/provider-utils';

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

export function guardStream(body: ReadableStream<Uint8Array>, options: GuardStreamOptions): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  const observer = options.observer;
  const finish = (error?: GatewayError, cancelled = false) => {
    if (finished) return;
    finished = true;
    options.onEnd?.(error);
    observer?.ended(error, cancelled);
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          finish();
          controller.close();
          return;
        }
        options.onChunk?.();
        observer?.chunk(value);
        controller.enqueue(value);
      } catch (error) {
        const gatewayError = options.describeError?.(error) ?? midStreamError(error);
        reader.cancel(error).catch(() => {});
        finish(gatewayError);
        if (options.isEventStream) {
          controller.enqueue(encodeSSEError(gatewayError));
          controller.close();
        } else {
          controller.error(gatewayError);
        }
      }
    },
    cancel(reason) {
      finish(undefined, true);
      return reader.cancel(reason);
    },
  });
}

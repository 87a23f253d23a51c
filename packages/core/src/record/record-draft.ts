/**
 * A request's record while the request runs: the route handler opens it, the strategy engine adds
 * the attempts, the stream guard reports the chunks and the end. It keeps references only (the
 * body bytes, the chunks up to the cap); the record itself is built after the answer, off the
 * request path (finish-record.ts).
 */
import type { AttemptRecordV1, RequestRecordV1, TargetOptions } from '@ai-gateway/spec';
import type { GatewayError } from '@ai-gateway/provider-utils';
import type { GatewayRequest } from '../request/gateway-request.js';
import { newSpanId, type SpanContext } from './trace-context.js';
import type { ExecutionContextHolder } from '../keep-alive.js';
import { isStreamBody, type AnswerBody } from '../stream/answer-body.js';

/** What the draft hands back to the log when its answer has ended. */
export interface DraftOwner {
  submit(draft: RecordDraft): void;
}

/**
 * The memory the heads of every open event stream share (`RequestLogOptions.maxStreamCaptureBytes`):
 * `held` bytes of blocks now, at most `most`. Each stream gets its first block whatever is held, so
 * every record keeps the start of its answer (and the answering model); past `most`, a stream keeps
 * what it has and its record says its body was cut. Ten thousand slow streams would otherwise hold
 * 32 KiB each, for minutes, for records nobody has asked for yet.
 */
export interface StreamCapturePool {
  held: number;
  readonly most: number;
}

/** The most of an unsized JSON answer kept to read its usage from (larger ones are not parsed either). */
const maxCapturedJsonBytes = 4 * 1024 * 1024;

/** How many of a long stream's last chunks are kept beside its head: its usage is at the end. */
const tailChunks = 4;

/**
 * The head of a stream is copied into blocks of this size. Kept as they came, its chunks (a few
 * hundred bytes each: one event) cost a `Buffer`, an `ArrayBuffer` and a native allocation apiece,
 * and hold on to the socket reads they were cut from, for as long as the stream lasts: about 16 KB
 * of heap for a stream forty events long, and more in the process's native memory.
 */
const headBlockBytes = 4096;

export class RecordDraft {
  readonly startedAt = Date.now();
  private readonly startMark = performance.now();
  readonly attempts: AttemptRecordV1[] = [];
  /** The options of every target called, for the credentials to take out of the record (credential-values.ts). */
  readonly calledTargets: TargetOptions[] = [];
  traceId: string | undefined;
  /** The gateway key the request came with (access/). */
  keyId: string | null = null;
  /** Told the record once it is built, off the request path (access/ settles its limits from it). */
  onRecord: ((record: RequestRecordV1) => void) | undefined;
  request: GatewayRequest | undefined;
  status = 0;
  error: RequestRecordV1['error'] = null;
  cacheStatus: string | undefined;
  configPath = '';
  guardrails: unknown = null;
  firstByteMs: number | null = null;
  latencyMs = 0;
  responseContentType: string | undefined;
  responseBody: Uint8Array | string | null = null;
  /** The stream's chunks from the start, up to the body cap, copied in blocks; then only the last few, in `tail`. */
  private headBlocks: Uint8Array[] | undefined;
  private headBlock: Uint8Array | undefined;
  private headBlockUsed = 0;
  /** Bytes of head blocks this draft has of the capture pool. */
  private heldBytes = 0;
  tail: Uint8Array[] | undefined;
  streamBytes = 0;
  /** Set by the stream guard that carries the answer's body (upstream/call-target.ts). */
  streamObserved = false;
  isEventStream = false;
  private captureBytes: number;
  span: SpanContext | undefined;
  /** Usage a stream transform read but did not send (the client did not ask for it). */
  reportedUsage: Readonly<Record<string, unknown>> | undefined;
  readonly reportUsage = (usage: Readonly<Record<string, unknown>>) => {
    this.reportedUsage = usage;
  };
  /** The span id of the upstream call under way: its `traceparent`. */
  attemptSpanId = '';
  private answered = false;
  private streamEnded = false;
  private submitted = false;

  constructor(
    private readonly owner: DraftOwner,
    readonly method: string,
    readonly path: string,
    readonly endpoint: string,
    readonly format: string,
    readonly headers: Headers,
    private readonly eventCaptureBytes: number,
    /** The runtime's execution context: Workers keep the request alive until its record is written. */
    readonly runtime: ExecutionContextHolder | undefined,
    private readonly capturePool?: StreamCapturePool,
  ) {
    this.captureBytes = eventCaptureBytes;
  }

  elapsed(): number {
    return performance.now() - this.startMark;
  }

  /**
   * Milliseconds since the Unix epoch, counted from `startedAt` on the monotonic clock the request's
   * own times use. The wall clock may be stepped or slewed while a request runs; timed on it, a call
   * could seem to start before its request or end after it (a child span outside its parent).
   * Rounded down, so a call never ends after the answer that followed it.
   */
  private now(): number {
    return this.startedAt + Math.floor(this.elapsed());
  }

  /** An upstream call is about to be sent with `options`. */
  beginAttempt(target: string, options: TargetOptions, model: string | null): AttemptRecordV1 {
    const attempt: AttemptRecordV1 = { target, provider: options.provider, model, outcome: 'success', status: 0, started_at: this.now(), latency_ms: 0, error: null };
    if (this.calledTargets[this.calledTargets.length - 1] !== options) this.calledTargets.push(options);
    if (this.span) {
      this.attemptSpanId = newSpanId();
      attempt.span_id = this.attemptSpanId;
    }
    this.attempts.push(attempt);
    return attempt;
  }

  /** The call got its response headers, or failed. */
  endAttempt(attempt: AttemptRecordV1): void {
    attempt.latency_ms = this.now() - attempt.started_at;
  }

  /** A target skipped because its circuit is open. */
  skipped(target: string, provider: string, model: string | null): void {
    this.attempts.push({ target, provider, model, outcome: 'circuit_open', status: 503, started_at: this.now(), latency_ms: 0, error: 'circuit open' });
  }

  /** The last attempt failed and the next target is tried. */
  fellBack(): void {
    const last = this.attempts[this.attempts.length - 1];
    if (last?.outcome === 'error') last.outcome = 'fallback';
  }

  /**
   * A new stream carries the answer (an earlier attempt's stream was dropped): capture starts over.
   * Events are read line by line, so their head and tail are enough; a JSON body sent unsized is
   * kept whole (to a bound) since its usage is inside the one object.
   */
  streamStarted(isEventStream: boolean): void {
    this.streamObserved = true;
    this.isEventStream = isEventStream;
    this.captureBytes = isEventStream ? this.eventCaptureBytes : maxCapturedJsonBytes;
    this.releaseHead();
    this.headBlocks = [];
    this.headBlock = undefined;
    this.headBlockUsed = 0;
    this.tail = undefined;
    this.streamBytes = 0;
  }

  /** The stream's head (undefined when no stream carried the answer). */
  get head(): Uint8Array[] | undefined {
    if (!this.headBlocks || !this.headBlock || this.headBlockUsed === 0) return this.headBlocks;
    return [...this.headBlocks, this.headBlock.subarray(0, this.headBlockUsed)];
  }

  chunk(value: Uint8Array): void {
    if (this.firstByteMs === null) this.firstByteMs = this.elapsed();
    if (this.streamBytes < this.captureBytes) {
      if (this.headBlocks && !this.keepInHead(value)) this.keepInTail(value);
    } else {
      this.keepInTail(value);
    }
    this.streamBytes += value.byteLength;
  }

  private keepInTail(value: Uint8Array): void {
    this.tail ??= [];
    this.tail.push(value);
    if (this.tail.length > tailChunks) this.tail.shift();
  }

  /** False when the capture pool has no room for another block: the head ends here. */
  private keepInHead(value: Uint8Array): boolean {
    if (this.headBlock && this.headBlockUsed + value.byteLength <= this.headBlock.byteLength) {
      this.headBlock.set(value, this.headBlockUsed);
      this.headBlockUsed += value.byteLength;
      return true;
    }
    const large = value.byteLength > headBlockBytes / 2;
    if (!this.hold(large ? value.byteLength : headBlockBytes)) {
      this.captureBytes = this.streamBytes;
      return false;
    }
    if (this.headBlock && this.headBlockUsed > 0) this.headBlocks!.push(this.headBlock.subarray(0, this.headBlockUsed));
    if (large) {
      this.headBlock = undefined;
      this.headBlockUsed = 0;
      this.headBlocks!.push(value.slice());
      return true;
    }
    this.headBlock = new Uint8Array(headBlockBytes);
    this.headBlock.set(value);
    this.headBlockUsed = value.byteLength;
    return true;
  }

  /** Takes `bytes` of the capture pool for an event stream's head; its first block always. */
  private hold(bytes: number): boolean {
    const pool = this.capturePool;
    if (!pool || !this.isEventStream) return true;
    if (this.heldBytes > 0 && pool.held + bytes > pool.most) return false;
    pool.held += bytes;
    this.heldBytes += bytes;
    return true;
  }

  /** Gives the head's blocks back to the capture pool (they go with the draft once its record is built). */
  private releaseHead(): void {
    if (this.capturePool) this.capturePool.held -= this.heldBytes;
    this.heldBytes = 0;
  }

  /** The stream ended: completely, with an upstream failure (`error`), or because the client went away. */
  ended(error: GatewayError | undefined, cancelled: boolean): void {
    if (this.streamEnded) return;
    this.streamEnded = true;
    this.latencyMs = this.elapsed();
    if (error) this.error = errorOf(error);
    else if (cancelled) {
      this.status = 499;
      this.error = { message: 'The client went away before the answer ended.', type: 'client_error', code: 'client_closed_request' };
    }
    if (this.answered) this.submit();
  }

  private submit(): void {
    if (this.submitted) return;
    this.submitted = true;
    this.releaseHead();
    this.owner.submit(this);
  }

  /** The answer's status and headers went to the client; a body that is not a stream went with them. */
  answer(status: number, contentType: string | undefined, body: AnswerBody): void {
    this.answered = true;
    if (this.status !== 499) this.status = status;
    this.responseContentType = contentType;
    if (isStreamBody(body)) {
      if (this.streamEnded) this.submit();
      return;
    }
    this.responseBody = body;
    this.latencyMs = this.elapsed();
    this.firstByteMs = this.latencyMs;
    this.submit();
  }

  /** The request failed before any answer. */
  fail(error: GatewayError): void {
    this.answered = true;
    this.streamEnded = true;
    this.status = error.status;
    this.error = errorOf(error);
    // A guardrail's 446 carries its results (guardrails/leaf-hooks.ts).
    const hookResults = (error as GatewayError & { hookResults?: unknown }).hookResults;
    if (hookResults !== undefined) this.guardrails = hookResults;
    this.latencyMs = this.elapsed();
    this.submit();
  }
}

function errorOf(error: GatewayError): RequestRecordV1['error'] {
  return { message: error.message, type: error.type ?? null, code: error.code ?? null };
}

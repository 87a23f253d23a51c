/**
 * The error model. Every failure the gateway answers with is a `GatewayError`
 * and leaves as OpenAI-shaped JSON: `{"error": {"message", "type", "param", "code"}}`.
 */

export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
}

export interface GatewayErrorOptions {
  status: number;
  type?: string;
  code?: string | null;
  param?: string | null;
  /** Who answered with this error; default `gateway`. */
  source?: ErrorSource;
  /** The upstream's response headers, kept so retries can honour `retry-after`. */
  upstreamHeaders?: Headers;
  cause?: unknown;
}

/**
 * `upstream`: the provider answered with this status and body. `gateway`: the gateway decided
 * (bad input, a timeout, a refused connection, an open circuit, an endpoint the provider lacks).
 * A fallback's `on_status_codes` filters only upstream answers; gateway-made failures always
 * fall back, since another target may well succeed where this one could not be reached.
 */
export type ErrorSource = 'upstream' | 'gateway';

/** `Error.stackTraceLimit`: V8's and JavaScriptCore's, not in the standard library's types. */
const errorWithLimit = Error as ErrorConstructor & { stackTraceLimit?: number };

export class GatewayError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly source: ErrorSource;
  readonly upstreamHeaders?: Headers;

  constructor(message: string, options: GatewayErrorOptions) {
    // No stack trace: a GatewayError is an answer to the client, not a crash, and where it came
    // from is in its code and message (and in its cause's own stack). Capturing one walked the
    // whole server stack: about 40 µs per error in a CPU profile, on every request of a fallback
    // past an open circuit, and on every bad request of a client flooding the gateway.
    const stackTraceLimit = errorWithLimit.stackTraceLimit;
    errorWithLimit.stackTraceLimit = 0;
    try {
      super(message, { cause: options.cause });
    } finally {
      errorWithLimit.stackTraceLimit = stackTraceLimit;
    }
    this.name = 'GatewayError';
    this.status = options.status;
    this.type = options.type ?? defaultType(options.status);
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.source = options.source ?? 'gateway';
    this.upstreamHeaders = options.upstreamHeaders;
  }

  toJSON(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

function defaultType(status: number): string {
  if (status === 401 || status === 403) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  if (status === 408) return 'timeout_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

export function invalidRequest(message: string, param: string | null = null, code: string | null = null): GatewayError {
  return new GatewayError(message, { status: 400, type: 'invalid_request_error', param, code });
}

/** Turns anything thrown into a GatewayError; unknown errors become a 500 that leaks no internals. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('The gateway failed to handle this request.', {
    status: 500,
    type: 'gateway_error',
    code: 'internal_error',
    cause: error,
  });
}

/** `headers`: the answer's other headers (the trace's), by lower-case name; the record is the answer's from then on. */
export function errorResponse(error: GatewayError, headers: Record<string, string> = {}): Response {
  headers['content-type'] = 'application/json';
  return new Response(JSON.stringify(error.toJSON()), { status: error.status, headers });
}

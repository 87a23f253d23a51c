import type { Endpoint } from '@ai-gateway/spec';
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { JsonObject } from '@ai-gateway/spec';
import type { ClientSignal, IngressFormatV1 } from '@ai-gateway/spec';
import type { RequestOptions } from './portkey-headers.js';
import type { RecordDraft } from '../record/record-draft.js';
import type { ResolvedVirtualKey } from './resolved-virtual-key.js';

/**
 * Who wrote the config a request runs under. A client's own config (`x-portkey-config` JSON, or the
 * headers alone) is the client's to shape. An operator's config (a named server-side config or a
 * model alias) carries the operator's credentials, and nothing in the request may steer them.
 */
export type ConfigSource = 'request' | 'operator';

/** An incoming call, read once: everything later stages need, and nothing parsed twice. */
export interface GatewayRequest {
  endpoint: Endpoint;
  method: string;
  /** Path below `/v1` (e.g. `/chat/completions`) and the query string with its `?` (or ''). */
  path: string;
  search: string;
  headers: Headers;
  contentType: string | null;
  /** The body exactly as the client sent it; passed through when nothing needs to change it. */
  rawBody: Uint8Array | null;
  /** The parsed JSON body, for JSON requests. */
  json: JsonObject | null;
  /** True when the client asked for a streamed response. */
  stream: boolean;
  options: RequestOptions;
  /** Whose config the request runs under; 'operator' for named server-side configs and model aliases. */
  configSource: ConfigSource;
  /** Aborts when the client disconnects. */
  signal: ClientSignal;
  /** Refuses (403) a virtual key the request's gateway key may not use. */
  allowVirtualKey?: (key: ResolvedVirtualKey) => void;
  /** The request's log record while it runs (observe/), when the gateway keeps a request log. */
  record?: RecordDraft;
  /** The client's format on a route of another API than OpenAI's: a stream that fails ends with its error event. */
  ingress?: IngressFormatV1;
}

/** The event that ends a stream failing after its first byte, in the words of the client's format (OpenAI's is the stream guard's default). */
export function ingressStreamError(format: IngressFormatV1, error: { message: string; type: string; status: number }): Uint8Array {
  return format.encodeStreamError({ message: error.message, type: error.type, status: error.status });
}

const decoder = new TextDecoder();

/** Parses a JSON body; a body that is not a JSON object is the client's mistake, so a 400. */
export function parseJsonBody(rawBody: Uint8Array | null): JsonObject | null {
  if (!rawBody || rawBody.byteLength === 0) return null;
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(rawBody));
  } catch {
    throw invalidRequest('The request body is not valid JSON.', null, 'invalid_json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('The request body must be a JSON object.', null, 'invalid_json');
  }
  return value as JsonObject;
}

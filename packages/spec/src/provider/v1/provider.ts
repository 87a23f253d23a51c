/**
 * Provider contract, version 1.
 *
 * A provider tells the gateway where its API lives, how to authenticate, and how each
 * OpenAI-format operation maps to its own wire format. Core knows no provider by name:
 * built-in providers and third-party packages register through this same interface.
 *
 * Versioned like the Vercel AI SDK's specifications: a breaking change adds `contract-v2.ts`
 * and an adapter from v1, it never edits this file.
 *
 * @example
 * ```ts
 * const echo: ProviderV1 = {
 *   specificationVersion: 'v1',
 *   id: 'echo',
 *   baseUrl: () => 'https://echo.example/v1',
 *   headers: ({ target }) => ({ authorization: `Bearer ${target.apiKey}` }),
 *   endpoints: { chatComplete: { path: '/chat/completions' } },
 * };
 * ```
 */
import type { Endpoint } from './endpoints.js';
import type { UpstreamFetch, UpstreamResponse } from './upstream-fetch.js';
import type { ChatChunkSinkV1 } from './chat-chunk-sink.js';

export type JsonObject = Record<string, unknown>;

/** One resolved target: what a config target (or the request headers) says about where to send a call. */
export interface TargetOptions {
  provider: string;
  apiKey?: string;
  /** Replaces the provider's base URL up to and including its version segment. */
  customHost?: string;
  /** Merged over the request body's top-level fields before the provider sees it. */
  overrideParams?: JsonObject;
  /** Names of client request headers to copy to the upstream request. */
  forwardHeaders?: string[];
  /** Milliseconds before the upstream call is aborted. */
  requestTimeout?: number;
  /**
   * Provider-specific settings in snake_case, from config fields (`aws_region`) and
   * `x-portkey-*` headers (`x-portkey-aws-region` becomes `aws_region`). For a provider that
   * declares its `settings`, core has already refused names it does not declare and values of the
   * wrong type, so each declared one is absent, null, or of its type.
   */
  settings: Record<string, unknown>;
}

/** What a provider hook sees about the call being made. */
export interface ProviderCall {
  endpoint: Endpoint;
  target: TargetOptions;
  /** The client's request body in OpenAI format, with `override_params` applied; null for bodiless calls. */
  body: JsonObject | null;
  /** True when the client asked for a server-sent event stream. */
  stream: boolean;
  /** The incoming request's path below `/v1` (for `proxy`), and its query string with `?`. */
  path: string;
  search: string;
  /** The incoming request's headers (never forwarded wholesale). */
  headers: Headers;
  /** Upstream fetch, for providers that must make an extra call (e.g. an OAuth token exchange). */
  fetch: UpstreamFetch;
  /**
   * Where a stream transform reports the usage it read, in OpenAI's `usage` shape, also when the
   * client did not ask for it in the stream (`stream_options.include_usage`): the request log
   * records it. Absent when nothing records.
   */
  reportUsage?: (usage: Readonly<Record<string, unknown>>) => void;
  /**
   * Set on a `chatComplete` stream that core translates into another client format: a stream
   * transform may hand its chunks to it as objects instead of encoding them (provider-utils'
   * `createChatStream` does). See `ChatChunkSinkV1.start` for how core knows it did.
   */
  chatChunks?: ChatChunkSinkV1;
}

/** What `headers()` receives: the call plus the upstream request as built, so it can be signed. */
export interface UpstreamRequestDraft extends ProviderCall {
  url: string;
  method: string;
  upstreamBody: BodyInit | null;
}

export interface ProviderErrorDetails {
  message: string;
  type?: string;
  code?: string | null;
  param?: string | null;
}

export interface EndpointAdapterV1 {
  /** Path appended to the base URL; a function when it depends on the call (e.g. the model). */
  path: string | ((call: ProviderCall) => string);
  /** HTTP method upstream; defaults to the client's. */
  method?: 'GET' | 'POST' | 'DELETE';
  /**
   * Maps the OpenAI-format body to the provider's. Returns an object (sent as JSON) or a ready body.
   * Omit it and the client's bytes pass through untouched: no JSON re-serialisation.
   */
  transformRequest?: (body: JsonObject, call: ProviderCall) => JsonObject | BodyInit | Promise<JsonObject | BodyInit>;
  /** Maps the provider's JSON response to OpenAI format (may be async). Omit it and the response passes through. */
  transformResponse?: (body: any, call: ProviderCall, upstream: UpstreamResponse) => unknown | Promise<unknown>;
  /**
   * Turns the provider's streamed bytes into OpenAI server-sent events (bytes). Omit it and the
   * stream passes through. Upstream error events must become `data: {"error": ...}` events.
   */
  transformStream?: (call: ProviderCall) => TransformStream<Uint8Array, Uint8Array>;
  /**
   * For an ingress format's endpoints (`messages`, `countTokens`): whether this adapter serves the
   * call. When it answers false the call goes as it would for a provider without the adapter
   * (translated through `chatComplete`, or a token count the gateway estimates). Vertex AI speaks
   * Anthropic's format for Claude and not for Gemini. Absent: every call is served.
   */
  serves?: (call: ProviderCall) => boolean;
}

/**
 * The type of a setting's value. A config field holds it as JSON; a header holds text, which core
 * turns into the type before the provider sees it (`"3"` becomes 3, `"true"` becomes true).
 * `json` is an object, or a string holding one (a header's form): the provider parses the string.
 */
export type ProviderSettingTypeV1 = 'string' | 'number' | 'boolean' | 'json';

/**
 * One provider-specific setting: a config target field `name`, and the header
 * `x-portkey-<name with - for _>` (`aws_region`, `x-portkey-aws-region`).
 */
export interface ProviderSettingV1 {
  /** snake_case: `[a-z][a-z0-9_]*`. Never one of the config's own fields (`provider`, `api_key`, ...). */
  readonly name: string;
  readonly type: ProviderSettingTypeV1;
  /**
   * Every call of this provider needs it, whatever the endpoint, key or custom host: core answers
   * 400 `missing_<name>` before the provider runs. A setting needed only in some modes (a region
   * that a custom host makes unnecessary) is not required here; the provider checks it itself.
   */
  readonly required?: boolean;
  /** One line for the docs and for error messages: what it is, and its default. */
  readonly description: string;
}

export interface ProviderV1 {
  readonly specificationVersion: 'v1';
  /** The value of `x-portkey-provider` / a config target's `provider`. */
  readonly id: string;
  /** Human name for docs and the console. */
  readonly name?: string;
  /** Default base URL, up to and including the version segment. A custom host replaces it. */
  baseUrl(target: TargetOptions): string;
  /** Authentication and provider headers; may be async (request signing, token exchange). */
  headers(request: UpstreamRequestDraft): Record<string, string> | Promise<Record<string, string>>;
  /** Maps a non-2xx upstream body to an OpenAI error. Default: OpenAI-shaped bodies pass, others are wrapped. */
  transformError?: (status: number, body: unknown, call: ProviderCall) => ProviderErrorDetails | undefined;
  /** The operations it supports; a missing one answers a clear 400. */
  readonly endpoints: Partial<Record<Endpoint, EndpointAdapterV1>>;
  /**
   * Every setting it reads from `target.settings`. When present (even empty), core checks each
   * call against it: a config field or header it does not declare answers 400 `unknown_setting`
   * naming the field, a value of the wrong type 400 `invalid_setting`, a missing required one 400
   * `missing_<name>`. When absent (a provider written before this field), every field reaches the
   * provider unchecked, as before, and since any header might be meant for it, no `x-portkey-*`
   * header is refused as unknown while it is registered.
   */
  readonly settings?: readonly ProviderSettingV1[];
}

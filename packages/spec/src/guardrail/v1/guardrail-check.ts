/**
 * The guardrail contract, version 1: what a check implements. A check is a function of a context
 * (the request, and for output checks the answer) and the parameters a config gives it, to a
 * verdict. Checks are registered by id, `<namespace>.<name>`: the built-in ones are `default.*`
 * (@ai-gateway/guardrails); a third-party package brings its own namespace (`acme.toxicity`).
 *
 * Configs name checks as Portkey's do:
 * `"input_guardrails": [{ "default.contains": { "operator": "none", "words": ["Apple"] }, "deny": true }]`.
 */
import type { JsonObject } from '../../provider/v1/provider.js';

/** When a check runs: on the request before any provider sees it, or on the answer before the client does. */
export type GuardrailEventV1 = 'beforeRequestHook' | 'afterRequestHook';

/**
 * What a check reads. The texts come through the canonical (OpenAI chat) format whatever the
 * client spoke (`/v1/chat/completions`, `/v1/messages`, `/v1/responses`, `/v1/completions`,
 * `/v1/embeddings`).
 */
export interface GuardrailContextV1 {
  eventType: GuardrailEventV1;
  /** The gateway endpoint: `chatComplete`, `complete`, `embed`, `messages`, `responses`, ... */
  requestType: string;
  /** The provider of the target the hook belongs to, or of the first target for a hook at the config root. */
  provider: string;
  /** The model the request names (after aliases and `override_params`), if any. */
  model: string | undefined;
  /** `x-portkey-metadata` of the request: string values only. */
  metadata: Readonly<Record<string, string>>;
  /**
   * The text judged. Input: the last message's text (what the user just sent; a prompt or an
   * embedding input for other endpoints). Output: the answer's text (all choices' content, joined).
   */
  text: string;
  /**
   * Every text a mutator may rewrite, in order. Input: each text part of every message (system and
   * tool messages included), or the prompt / inputs. Output: each choice's content.
   */
  segments: readonly string[];
  /** The request body as JSON (the canonical chat form for translated formats). Read only. */
  requestJson: Readonly<JsonObject> | null;
  /** The answer as JSON (a streamed answer assembled into a chat completion). Output checks only. */
  responseJson?: Readonly<JsonObject> | null;
  /** The answer's HTTP status. Output checks only. */
  responseStatus?: number;
  /** Whether the client asked for a stream. */
  stream: boolean;
  /** Aborted when the check's time is up or the client went away: a check that calls out passes it on. */
  signal: AbortSignal;
  /**
   * The only way a check may call out (a webhook, a moderation API): `fetch` bound to the gateway's
   * custom-host policy (never link-local or metadata addresses; the operator's allowlist), with no
   * redirects, a bounded answer size and the check's deadline.
   */
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

/** What a check answers. */
export interface GuardrailResultV1 {
  /** true: the check passed. */
  verdict: boolean;
  /** What it found, reported in `hook_results` (matched words, detected entities ...). JSON only. */
  data?: unknown;
  /**
   * A mutator's rewrite of `context.segments`: the same length, each the replacement text (e.g.
   * PII masked). The gateway writes them back into the request before the provider sees it, or into
   * the answer before the client does.
   */
  transformedSegments?: readonly string[];
}

export interface GuardrailCheckV1 {
  readonly specificationVersion: 'v1';
  /** `<namespace>.<name>`, e.g. `default.regexMatch`. */
  readonly id: string;
  /**
   * Checks the parameters when a config is read, before any request runs: a message saying what is
   * wrong (the gateway answers a 400 naming the field), or undefined when they are fine.
   */
  validate?(parameters: Readonly<JsonObject>): string | undefined;
  /** Judges one request or answer. Throwing counts as an error: the hook's `on_fail` decides (docs/guardrails.md). */
  run(context: GuardrailContextV1, parameters: Readonly<JsonObject>): GuardrailResultV1 | Promise<GuardrailResultV1>;
  /** Which events it makes sense on; both when left out. A config using it elsewhere is a 400. */
  readonly events?: readonly GuardrailEventV1[];
  /**
   * Whether it may rewrite text (`transformedSegments`): such checks are allowed in `type: "mutator"`
   * hooks. A function when it depends on the parameters (`redact: true`): the gateway then copies a
   * body only when a rewrite can happen, and refuses a rewrite of a streamed answer when the config is read.
   */
  readonly mutates?: boolean | ((parameters: Readonly<JsonObject>) => boolean);
}

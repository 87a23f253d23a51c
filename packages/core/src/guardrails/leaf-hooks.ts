/**
 * Hooks around one target: input hooks before its first call (a deny answers 446 and the provider
 * is never called; a rewrite changes the body this target gets), output hooks on each answer (a
 * deny is a 446 that retries and fallbacks act on like any failed call). Hooks that fail without
 * denying let the answer through with status 246; every answer that ran hooks carries
 * `hook_results`, as Portkey's clients read them. See docs/guardrails.md.
 */
import { GatewayError, invalidRequest, withFields } from '@ai-gateway/provider-utils';
import type { GuardrailCheckV1, JsonObject, TargetOptions } from '@ai-gateway/spec';
import type { GatewayLogger } from '../logger.js';
import type { GatewayRequest } from '../request/gateway-request.js';
import { isStreamBody, readBodyOf, type Answer } from '../upstream/answer.js';
import { mayRewrite, type GuardrailRegistry } from './guardrail-registry.js';
import type { NodeHooks } from './hook-spec.js';
import { runHooks, type HookContextBase, type HookResult } from './run-hooks.js';
import { guardStreamedAnswer } from './stream-hooks.js';
import { answerTexts, requestTexts } from './text-slots.js';
import { hookResultsText } from './hook-results-text.js';

export interface GuardrailDependencies {
  guardrails: GuardrailRegistry;
  logger: GatewayLogger;
  /** The `fetch` checks get (policy-fetch.ts). */
  policyFetch: (url: string, init?: RequestInit) => Promise<Response>;
}

export interface HookResults {
  before_request_hooks: HookResult[];
  after_request_hooks: HookResult[];
}

/** A deny hook failed: 446, with the results in the body beside the error. */
export class GuardrailDenied extends GatewayError {
  constructor(readonly hookResults: HookResults) {
    super('The guardrail checks defined in the config failed. You can find more information in the `hook_results` object.', {
      status: 446, type: 'hooks_failed', code: 'guardrail_denied', source: 'upstream',
    });
  }

  override toJSON() {
    return withFields(super.toJSON(), { hook_results: this.hookResults });
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function contextBase(request: GatewayRequest, target: TargetOptions, event: HookContextBase['eventType'], dependencies: GuardrailDependencies): HookContextBase {
  const model = target.overrideParams?.model ?? request.json?.model;
  return {
    eventType: event,
    requestType: request.endpoint,
    provider: target.provider,
    model: typeof model === 'string' ? model : undefined,
    metadata: request.options.metadata,
    requestJson: request.json,
    stream: request.stream,
    fetch: dependencies.policyFetch,
  };
}

export interface InputOutcome {
  request: GatewayRequest;
  results: HookResult[];
}

/** Input hooks for one target: the request it gets (rewritten by a mutator, if any) and the results. */
export async function runInputHooks(hooks: NodeHooks, request: GatewayRequest, target: TargetOptions, dependencies: GuardrailDependencies): Promise<InputOutcome> {
  if (hooks.before.length === 0) return { request, results: [] };
  // A copy to rewrite: the client's body stays as it came for the other targets.
  const json = hooks.before.some((hook) => hook.checks.some((check) => mayRewrite(dependencies.guardrails.get(check.id), check.parameters))) && request.json
    ? (structuredClone(request.json) as JsonObject)
    : request.json;
  const texts = requestTexts(json);
  const outcome = await runHooks(hooks.before, {
    base: contextBase(request, target, 'beforeRequestHook', dependencies),
    slots: texts.slots, judged: texts.judged, registry: dependencies.guardrails, clientSignal: request.signal, logger: dependencies.logger,
  });
  if (outcome.denied) throw new GuardrailDenied({ before_request_hooks: outcome.results, after_request_hooks: [] });
  if (!outcome.transformed || !json) return { request, results: outcome.results };
  return { request: withFields(request, { json, rawBody: encoder.encode(JSON.stringify(json)) }), results: outcome.results };
}

function hasFailure(results: readonly HookResult[]): boolean {
  return results.some((result) => !result.verdict);
}

/** A JSON answer's body as text: bytes, a string, or (large, unsized answers) a stream read whole. */
async function answerText(body: Answer['body']): Promise<string> {
  if (body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return decoder.decode(body);
  return new Response(readBodyOf(body)).text();
}

function parseJson(text: string): JsonObject | null {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

const hookResultsName = encoder.encode('"hook_results":');

/**
 * Adds `hook_results` to a JSON object's bytes without decoding or parsing them. The results' text
 * is encoded straight into the answer's new buffer (sized for its worst case, three bytes per
 * UTF-16 unit), not into a buffer of its own that is then copied, and on its own: joined to the
 * field's name first, it would be copied once more to be encoded.
 */
function withResultsBytes(bytes: Uint8Array, results: HookResults): Uint8Array {
  const start = afterSpace(bytes, 0);
  // Only an object takes the field: an array's first element is not the answer.
  if (bytes[start] !== 0x7b) return bytes;
  const isEmpty = bytes[afterSpace(bytes, start + 1)] === 0x7d;
  const text = hookResultsText(results);
  const joined = new Uint8Array(bytes.length + hookResultsName.length + text.length * 3 + 1);
  joined.set(bytes.subarray(0, start + 1));
  joined.set(hookResultsName, start + 1);
  let end = start + 1 + hookResultsName.length;
  end += encoder.encodeInto(text, joined.subarray(end)).written;
  if (!isEmpty) joined[end++] = 0x2c;
  joined.set(bytes.subarray(start + 1), end);
  return joined.subarray(0, end + bytes.length - start - 1);
}

/** The index of the first byte from `from` that is not JSON's white space. */
function afterSpace(bytes: Uint8Array, from: number): number {
  let index = from;
  while (index < bytes.length && (bytes[index] === 0x20 || bytes[index] === 0x0a || bytes[index] === 0x0d || bytes[index] === 0x09)) index += 1;
  return index;
}

/** Adds `hook_results` to a JSON object's text without parsing it again. */
function withResultsField(text: string, results: HookResults): string {
  const start = text.length - text.trimStart().length;
  if (text[start] !== '{') return text;
  const rest = text.slice(start + 1).trimStart();
  return `${text.slice(0, start + 1)}"hook_results":${hookResultsText(results)}${rest.startsWith('}') ? '' : ','}${rest}`;
}

function isEventStream(answer: Answer): boolean {
  return isStreamBody(answer.body) && (answer.headers['content-type']?.includes('text/event-stream') ?? false);
}

/**
 * Output hooks on one answer, and the results of both sides in it. Throws `GuardrailDenied` for a
 * denied JSON answer (the caller may retry or fall back). A stream is checked on its assembled
 * text before its last event; a denied stream ends with an error event instead.
 */
export async function checkAnswer(answer: Answer, hooks: NodeHooks, request: GatewayRequest, target: TargetOptions, before: HookResult[], dependencies: GuardrailDependencies): Promise<Answer> {
  const status = (results: HookResult[]) => (answer.status >= 200 && answer.status < 300 && hasFailure(results) ? 246 : answer.status);
  if (isEventStream(answer)) {
    if (hooks.after.length === 0) return hasFailure(before) ? withFields(answer, { status: 246 }) : answer;
    const body = guardStreamedAnswer(readBodyOf(answer.body) as ReadableStream<Uint8Array>, async (text) => {
      const slot = { read: () => text, write: () => undefined };
      const outcome = await runHooks(hooks.after, {
        base: contextBase(request, target, 'afterRequestHook', dependencies),
        slots: [slot], judged: [slot], registry: dependencies.guardrails, clientSignal: request.signal, logger: dependencies.logger,
      });
      // A check asked to change text the client already has: fail closed.
      return outcome.transformed ? { results: outcome.results, denied: true, transformed: true } : outcome;
    }, before, request.ingress);
    if (request.record) request.record.guardrails = { before_request_hooks: before, after_request_hooks: [] };
    return { status: status(before), headers: answer.headers, body };
  }
  if (hooks.after.length === 0) {
    const results: HookResults = { before_request_hooks: before, after_request_hooks: [] };
    if (request.record) request.record.guardrails = results;
    const body = answer.body instanceof Uint8Array ? withResultsBytes(answer.body, results) : withResultsField(await answerText(answer.body), results);
    return { status: status(before), headers: answer.headers, body };
  }
  const text = await answerText(answer.body);
  const json = parseJson(text);
  const slots = answerTexts(json);
  const outcome = await runHooks(hooks.after, {
    base: withFields(contextBase(request, target, 'afterRequestHook', dependencies), { responseJson: json, responseStatus: answer.status }),
    slots, judged: slots, registry: dependencies.guardrails, clientSignal: request.signal, logger: dependencies.logger,
  });
  const results: HookResults = { before_request_hooks: before, after_request_hooks: outcome.results };
  if (request.record) request.record.guardrails = results;
  if (outcome.denied) throw new GuardrailDenied(results);
  const all = [...before, ...outcome.results];
  if (json === null) return { status: status(all), headers: answer.headers, body: text };
  json.hook_results = results;
  return { status: status(all), headers: answer.headers, body: JSON.stringify(json) };
}

/**
 * A streamed answer cannot be rewritten after its deltas left: mutator hooks and checks set to
 * rewrite (`redact: true`) need `stream: false` on the output side. A check that only may rewrite
 * (a webhook) runs, and a rewrite it asks for ends the stream with an error (stream-hooks.ts).
 */
export function refuseStreamedRewrite(hooks: NodeHooks, request: GatewayRequest, guardrails: GuardrailRegistry): void {
  if (!request.stream) return;
  const setToRewrite = (check: GuardrailCheckV1 | undefined, parameters: JsonObject) => typeof check?.mutates === 'function' && mayRewrite(check, parameters);
  const rewriting = hooks.after.find((hook) => hook.type === 'mutator' || hook.checks.some((check) => setToRewrite(guardrails.get(check.id), check.parameters)));
  if (rewriting) {
    throw invalidRequest(`'${rewriting.field}' rewrites the answer, which a streamed answer cannot have done once its text has been sent; send stream: false with this config.`, rewriting.field, 'unsupported_config');
  }
}

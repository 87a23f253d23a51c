/**
 * Copies of a provider call with a few fields changed, written field by field. Every request makes
 * one (the draft its provider's `headers` signs), and a translated one makes two more (the chat
 * call its adapter gets, and that call's draft). `withFields` copies by a loop over the keys, a
 * megamorphic load and store for each: about 11,000 instructions for the copies of a translated
 * Responses request (callgrind), a few hundred for these. The types list every field of a call,
 * so a field added to `ProviderCall` is a type error here until it is copied too.
 */
import type { Endpoint, JsonObject, ProviderCall, UpstreamRequestDraft } from '@ai-gateway/spec';

type EveryField<Value> = { [Field in keyof Required<Value>]: Value[Field] };

/**
 * A call as core makes it (upstream/call-target.ts): with a slot for the same call as a translated
 * target's chat adapter expects it, which every hook of the call shares (ingress/ingress-registry.ts).
 * A slot, not a WeakMap keyed by the call: a WeakMap entry whose key is a new object kept its value
 * alive through the next scavenge, about 9,000 instructions a translated request (callgrind).
 * Copies keep the slot only while endpoint and body are unchanged: it is the translation of those.
 */
export interface CoreCall extends ProviderCall {
  chatCounterpart: ProviderCall | undefined;
}

/** `call` with `changes` laid over it. */
export function changedCall(call: ProviderCall, changes: { endpoint?: Endpoint; body?: JsonObject | null; chatChunks?: ProviderCall['chatChunks'] }): ProviderCall {
  const copy: EveryField<CoreCall> = {
    endpoint: changes.endpoint ?? call.endpoint,
    target: call.target,
    body: changes.body === undefined ? call.body : changes.body,
    stream: call.stream,
    path: call.path,
    search: call.search,
    headers: call.headers,
    fetch: call.fetch,
    reportUsage: call.reportUsage,
    chatChunks: changes.chatChunks ?? call.chatChunks,
    chatCounterpart: changes.endpoint === undefined && changes.body === undefined ? (call as CoreCall).chatCounterpart : undefined,
  };
  return copy;
}

/**
 * The fields a draft has beyond its call, as a type check: a field added to `UpstreamRequestDraft`
 * is an error here until `asDraft` sets it.
 */
const draftFields: Record<Exclude<keyof UpstreamRequestDraft, keyof ProviderCall>, true> = { url: true, method: true, upstreamBody: true };
void draftFields;

/** `copy` (a fresh copy of a call) made a draft. */
function asDraft(copy: ProviderCall, url: string, method: string, upstreamBody: BodyInit | null): UpstreamRequestDraft {
  // Fields added to a fresh copy in one order: V8 follows the same transitions for every draft, so all share one shape.
  const draft = copy as UpstreamRequestDraft;
  draft.url = url;
  draft.method = method;
  draft.upstreamBody = upstreamBody;
  return draft;
}

/** The draft a provider's `headers` gets: the call and the upstream request as built. */
export function upstreamDraft(call: ProviderCall, url: string, method: string, upstreamBody: BodyInit | null): UpstreamRequestDraft {
  return asDraft(changedCall(call, {}), url, method, upstreamBody);
}

/** `draft` with `changes` laid over it, still a draft. */
export function changedDraft(draft: UpstreamRequestDraft, changes: { endpoint?: Endpoint; body?: JsonObject | null }): UpstreamRequestDraft {
  return asDraft(changedCall(draft, changes), draft.url, draft.method, draft.upstreamBody);
}

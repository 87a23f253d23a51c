/**
 * Stored responses for translated targets of `POST /v1/responses`: a response is kept after its
 * answer (`store`, default true, as OpenAI's), `previous_response_id` replays the stored
 * conversation upstream, `item_reference` items resolve from stored output items, and the
 * retrieve / delete / input-items routes read the store. Each entry belongs to the provider key
 * that created it (its SHA-256): another key gets the same 404 as an unknown id. Signed reasoning
 * leaves as sealed `encrypted_content` and is opened again on the next turn (reasoning-seal.ts).
 * See docs/responses.md.
 */
import { encodeSSEEvent, GatewayError, invalidRequest, joinChunks, withFields, type ThinkingBlock } from '@ai-gateway/provider-utils';
import type { JsonObject, ProviderCall, ResponseStoreV1, StoredResponseV1 } from '@ai-gateway/spec';
import type { GatewayLogger } from '../logger.js';
import { responseItemId } from '../ingress/openai-responses/response-object.js';
import { attachOpenedThinking, includesEncryptedReasoning, keepsThinkingBlocks } from '../ingress/openai-responses/thinking-blocks.js';
import { sealedReasoningPrefix, type ReasoningSeal } from './reasoning-seal.js';

/** How long a stored response lives: OpenAI keeps them 30 days. */
export const defaultResponseTtlMs = 30 * 24 * 60 * 60 * 1000;

/** What the route learned about one request, for the translated answer that follows. */
interface RequestContext {
  ownerHash: () => Promise<string>;
  keep: boolean;
  /** Whether the client asked for `reasoning.encrypted_content`. */
  showsSealed: boolean;
  /** Sealed reasoning by item id: a stream's item and its final response carry the same content. */
  sealedById: Map<string, string>;
  previousResponseId: string | null;
  /** The items before this request's own input. */
  conversation: JsonObject[];
  /** This request's input as items, each with an id. */
  input: JsonObject[];
}

/** Hooks on a translated target's answer (see `createIngressRegistry`). */
export interface TranslatedAnswerHooks {
  /** What rewrites a call's JSON answer (the response object), or nothing: the answer stays as translated. */
  response(call: ProviderCall): ((response: unknown) => unknown) | undefined;
  /** What rewrites a call's stream of events, or nothing. */
  stream(call: ProviderCall): TransformStream<Uint8Array, Uint8Array> | undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const responseEventPrefix = encoder.encode('event: response.');
/** The events whose data holds the whole `response` object, and the one that holds a finished output item. */
const responseEvents = new Set(['created', 'in_progress', 'completed', 'incomplete', 'failed', 'output_item.done']);

interface ResponseEvent {
  start: number;
  end: number;
  /** `completed` for `response.completed`. */
  type: string;
}

/**
 * The events of `chunk` that carry the response object or a finished item. The translation writes
 * whole events (`event: <type>\ndata: <json>\n\n`), several to a chunk; JSON text holds no line
 * break, so each event ends at the first blank line after its start. Undefined when there are none.
 */
function responseEventsIn(chunk: Uint8Array): ResponseEvent[] | undefined {
  let found: ResponseEvent[] | undefined;
  let start = 0;
  while (start < chunk.byteLength) {
    // The line break after `data: …`, and the blank line after it.
    const lineEnd = chunk.indexOf(10, start);
    const dataEnd = lineEnd === -1 ? -1 : chunk.indexOf(10, lineEnd + 1);
    const end = dataEnd === -1 ? chunk.byteLength : Math.min(dataEnd + 2, chunk.byteLength);
    const type = responseEventType(chunk, start);
    if (type !== undefined) {
      found ??= [];
      found.push({ start, end, type });
    }
    start = end;
  }
  return found;
}

/** `completed` for a `response.completed` event at `start`; undefined for every event without the response object or an item. */
function responseEventType(chunk: Uint8Array, start: number): string | undefined {
  if (chunk.byteLength - start < responseEventPrefix.byteLength) return undefined;
  for (let index = 0; index < responseEventPrefix.byteLength; index += 1) {
    if (chunk[start + index] !== responseEventPrefix[index]) return undefined;
  }
  const typeStart = start + responseEventPrefix.byteLength;
  let end = typeStart;
  while (end < chunk.byteLength && chunk[end] !== 10 && end < typeStart + 24) end += 1;
  const type = decoder.decode(chunk.subarray(typeStart, end));
  return responseEvents.has(type) ? type : undefined;
}

/** SHA-256 (hex) of the caller's credential (see `callerCredential`). */
export async function keyHash(credential: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(credential)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * What a stored response belongs to: the provider key the client sends (`Authorization`,
 * `x-portkey-api-key`), else its inline config (which holds its targets' keys), else the provider
 * settings of its headers (`x-portkey-aws-secret-access-key` ...). A request with none of these
 * (keyless providers, keys from a named server config) has the empty credential, shared by every
 * such caller of the gateway.
 */
export function callerCredential(apiKey: string | undefined, configHeader: string | null, settings: Record<string, unknown>): string {
  if (apiKey) return `key:${apiKey}`;
  const config = configHeader?.trim();
  if (config?.startsWith('{')) return `config:${config}`;
  const names = Object.keys(settings).sort();
  return names.length === 0 ? '' : `settings:${JSON.stringify(names.map((name) => [name, settings[name]]))}`;
}

/** Hashes on first use: most requests continue nothing and store nothing, and then need no hash. */
function lazyHash(credential: string): () => Promise<string> {
  let hash: Promise<string> | undefined;
  return () => (hash ??= keyHash(credential));
}

/** The same answer for an id that is unknown, expired, deleted or someone else's. */
export function responseNotFound(id: string): GatewayError {
  return new GatewayError(`Response with id '${id}' not found.`, { status: 404, type: 'invalid_request_error', code: 'not_found', param: null });
}

function inputItems(input: unknown): JsonObject[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }];
  return Array.isArray(input) ? (input as JsonObject[]) : [];
}

/** Input items as OpenAI lists them: each with an id (the gateway's when the client gave none). */
function withItemIds(items: JsonObject[]): JsonObject[] {
  return items.map((item) => (typeof item.id === 'string' ? item : withFields(item, { id: responseItemId(item.type === 'function_call_output' ? 'fco' : 'msg') })));
}

const isReasoning = (item: JsonObject | undefined): boolean => item?.type === 'reasoning';

/** A reasoning item sealed by a gateway (not a native provider's `encrypted_content`). */
function isSealedReasoning(item: JsonObject | undefined): boolean {
  return isReasoning(item) && typeof item!.encrypted_content === 'string' && (item!.encrypted_content as string).startsWith(sealedReasoningPrefix);
}

/** The response as a client sees it when it did not ask for `reasoning.encrypted_content`. */
export function withoutSealedReasoning(response: JsonObject): JsonObject {
  const output = response.output as JsonObject[] | undefined;
  if (!Array.isArray(output) || !output.some((item) => isReasoning(item) && item.encrypted_content !== undefined)) return response;
  return withFields(response, {
    output: output.map((item) => {
      if (!isReasoning(item) || item.encrypted_content === undefined) return item;
      const copy = withFields(item);
      delete copy.encrypted_content;
      return copy;
    }),
  });
}

export interface StoredResponses {
  /**
   * Resolves `previous_response_id` and `item_reference` items the request's key may read into the
   * body every target gets, and remembers what to store. The returned body is the one to send.
   */
  prepare(body: JsonObject, credential: string, headers: Headers): JsonObject | Promise<JsonObject>;
  readonly hooks: TranslatedAnswerHooks;
  /** The stored response, when the credential may read it. */
  find(id: string, credential: string): Promise<StoredResponseV1 | undefined>;
  /** Deletes a response the credential may read, with its items; false when there is none. */
  remove(id: string, credential: string): Promise<boolean>;
}

/**
 * `store` undefined turns storing off (`responseStore: false`): nothing is kept or continued, and
 * signed reasoning is still sealed for stateless clients.
 */
export function createStoredResponses(store: ResponseStoreV1 | undefined, logger: GatewayLogger, seal: ReasoningSeal, ttlMs = defaultResponseTtlMs): StoredResponses {
  // Keyed by the incoming request's Headers: the one object every provider call of that request carries.
  const contexts = new WeakMap<Headers, RequestContext>();

  const readEntry = async (id: string) => {
    if (!store) return undefined;
    try {
      return await store.get(id);
    } catch (error) {
      logger.warn('response store read failed', { store: store.name, error: String(error) });
      return undefined;
    }
  };

  const find = async (id: string, ownerHash: string): Promise<StoredResponseV1 | undefined> => {
    const entry = await readEntry(id);
    return entry?.kind === 'response' && entry.ownerHash === ownerHash ? entry : undefined;
  };

  const keep = async (response: JsonObject, context: RequestContext) => {
    if (!store) return;
    const id = String(response.id);
    const output = Array.isArray(response.output) ? (response.output as JsonObject[]) : [];
    try {
      const ownerHash = await context.ownerHash();
      await store.put(id, { kind: 'response', response, input: context.input, conversation: context.conversation, ownerHash }, ttlMs);
      await Promise.all(output.filter((item) => typeof item.id === 'string').map((item) => store.put(String(item.id), { kind: 'item', item, responseId: id, ownerHash }, ttlMs)));
    } catch (error) {
      logger.warn('response store write failed', { store: store.name, error: String(error) });
    }
  };

  /** What a translated answer says and keeps: `store: true` when kept, and the id it continued. */
  const finish = (response: JsonObject, context: RequestContext): JsonObject => {
    response.store = context.keep;
    response.previous_response_id = context.previousResponseId;
    return response;
  };

  /** Replaces a reasoning item's `thinking_blocks` by their sealed `encrypted_content`, the form that is stored. */
  const sealItem = async (item: JsonObject, context: RequestContext) => {
    if (!isReasoning(item) || !Array.isArray(item.thinking_blocks)) return;
    const id = String(item.id);
    let sealed = context.sealedById.get(id);
    if (sealed === undefined) {
      sealed = await seal.seal(item.thinking_blocks as ThinkingBlock[], await context.ownerHash());
      context.sealedById.set(id, sealed);
    }
    item.encrypted_content = sealed;
    delete item.thinking_blocks;
  };
  const sealOutput = async (response: JsonObject, context: RequestContext) => {
    for (const item of (response.output as JsonObject[] | undefined) ?? []) await sealItem(item, context);
  };

  const finishedAnswer = async (response: JsonObject, context: RequestContext) => {
    const finished = finish(response, context);
    await sealOutput(finished, context);
    if (context.keep) await keep(finished, context);
    return context.showsSealed ? finished : withoutSealedReasoning(finished);
  };

  const hooks: TranslatedAnswerHooks = {
    response(call) {
      const context = contexts.get(call.headers);
      // Nothing continued, kept or sealed (`prepare` left no context): the answer as translated.
      if (!context) return undefined;
      return (response) => (typeof response === 'object' && response !== null ? finishedAnswer(response as JsonObject, context) : response);
    },
    stream(call) {
      const context = contexts.get(call.headers);
      if (!context) return undefined;
      // Deltas pass as they are; only the few events that carry the response object (or a
      // finished reasoning item) are read and rewritten.
      const rewrite = async (event: Uint8Array, type: string): Promise<Uint8Array> => {
        const text = decoder.decode(event);
        const json = text.slice(text.indexOf('\ndata: ') + '\ndata: '.length);
        if (type === 'output_item.done') {
          const data = JSON.parse(json) as { item: JsonObject };
          if (!isReasoning(data.item) || data.item.thinking_blocks === undefined) return event;
          await sealItem(data.item, context);
          if (!context.showsSealed) delete data.item.encrypted_content;
          return encodeSSEEvent('response.output_item.done', data);
        }
        const data = JSON.parse(json) as { response: JsonObject };
        finish(data.response, context);
        await sealOutput(data.response, context);
        // A failed response is not kept.
        if (type === 'failed') data.response.store = false;
        // The last event waits for the store, so a client that continues at once finds the response.
        if (context.keep && (type === 'completed' || type === 'incomplete')) await keep(data.response, context);
        if (!context.showsSealed) data.response = withoutSealedReasoning(data.response);
        return encodeSSEEvent(`response.${type}`, data);
      };
      return new TransformStream<Uint8Array, Uint8Array>({
        async transform(chunk, controller) {
          const events = responseEventsIn(chunk);
          if (!events) return controller.enqueue(chunk);
          // The piece leaves whole, as the translation made it: one write to the client.
          const parts: Uint8Array[] = [];
          let passed = 0;
          for (const { start, end, type } of events) {
            if (start > passed) parts.push(chunk.subarray(passed, start));
            parts.push(await rewrite(chunk.subarray(start, end), type));
            passed = end;
          }
          if (passed < chunk.byteLength) parts.push(chunk.subarray(passed));
          controller.enqueue(joinChunks(parts, parts.reduce((size, part) => size + part.byteLength, 0)));
        },
      });
    },
  };

  /** `prepare` for a request with something to continue, keep, seal or open. */
  const prepared = async (body: JsonObject, credential: string, headers: Headers, previousResponseId: string | null, own: JsonObject[]): Promise<JsonObject> => {
    const ownerHash = lazyHash(credential);
    const keepResponse = store !== undefined && body.store !== false;
    const showsSealed = includesEncryptedReasoning(body);
    let conversation: JsonObject[] = [];
    let resolved = body;
    if (previousResponseId !== null) {
      const previous = await find(previousResponseId, await ownerHash());
      // Not ours (or not this key's): a native target may know it; a translated one answers 404.
      if (previous) {
        conversation = [...previous.conversation, ...previous.input, ...((previous.response.output as JsonObject[] | undefined) ?? [])];
        resolved = withFields(body);
        delete resolved.previous_response_id;
      }
    }
    const inputIds = new Set<unknown>(own.filter((item) => item?.type !== 'item_reference').map((item) => item.id));
    const input = await Promise.all(own.map(async (item) => {
      if (item?.type !== 'item_reference' || inputIds.has(item.id)) return item;
      const entry = await readEntry(String(item.id));
      return entry?.kind === 'item' && entry.ownerHash === (await ownerHash()) ? entry.item : item;
    }));
    if (conversation.length > 0 || input.some((item, index) => item !== own[index])) {
      resolved = withFields(resolved, { input: [...conversation, ...input] });
    }
    contexts.set(headers, { ownerHash, keep: keepResponse, showsSealed, sealedById: new Map(), previousResponseId, conversation, input: withItemIds(input) });
    // Translated targets get the blocks inside sealed reasoning; the items themselves stay as they are.
    await Promise.all([...conversation, ...input].map(async (item, index) => {
      if (!isSealedReasoning(item)) return;
      const param = index < conversation.length ? 'previous_response_id' : `input[${index - conversation.length}].encrypted_content`;
      attachOpenedThinking(item, await seal.open(String(item.encrypted_content), await ownerHash(), param));
    }));
    return resolved;
  };

  return {
    hooks,
    prepare(body, credential, headers) {
      const previousResponseId = typeof body.previous_response_id === 'string' ? body.previous_response_id : null;
      const own = inputItems(body.input);
      const references = own.some((item) => item?.type === 'item_reference');
      // Nothing to continue, keep, seal or open: the answer stays as translated (`store: false`), with no wait.
      if (!keepsThinkingBlocks(body) && previousResponseId === null && !references && !own.some(isSealedReasoning)) return body;
      return prepared(body, credential, headers, previousResponseId, own);
    },
    async find(id, credential) {
      return find(id, await keyHash(credential));
    },
    async remove(id, credential) {
      const stored = await find(id, await keyHash(credential));
      if (!stored || !store) return false;
      const output = (stored.response.output as JsonObject[] | undefined) ?? [];
      await Promise.all([store.delete(id), ...output.filter((item) => typeof item.id === 'string').map((item) => store.delete(String(item.id)))]);
      return true;
    },
  };
}

/** `GET /v1/responses/{id}/input_items`: OpenAI's list shape, newest first unless `order=asc`, `limit` 1 to 100 (default 20), `after` an item id. */
export function inputItemsPage(stored: StoredResponseV1, query: URLSearchParams): JsonObject {
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalidRequest("order must be 'asc' or 'desc'.", 'order');
  const limitText = query.get('limit');
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidRequest('limit must be a whole number from 1 to 100.', 'limit');
  let items = order === 'asc' ? stored.input : [...stored.input].reverse();
  const after = query.get('after');
  if (after !== null) {
    const index = items.findIndex((item) => item.id === after);
    items = index === -1 ? [] : items.slice(index + 1);
  }
  const data = items.slice(0, limit);
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: items.length > limit };
}

/**
 * The Responses API `response` object around translated output, shared by JSON answers and the
 * events of a stream. https://platform.openai.com/docs/api-reference/responses/object
 */
import { withFields } from '@ai-gateway/provider-utils';
import type { JsonObject } from '@ai-gateway/spec';

/** Ids' hex digits, made 256 ids at a time: 4,096 random bytes written as 8,192 digits in one string. */
const idsPerPool = 256;
const randomBytes = new Uint8Array(idsPerPool * 16);
const digitCodes = new Uint8Array(idsPerPool * 32);
const hexCodes = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
const asciiDecoder = new TextDecoder();
let hexDigits = '';
let hexOffset = 0;

function refillHexDigits(): void {
  crypto.getRandomValues(randomBytes);
  for (let index = 0; index < randomBytes.length; index += 1) {
    const byte = randomBytes[index]!;
    digitCodes[2 * index] = hexCodes[byte >> 4]!;
    digitCodes[2 * index + 1] = hexCodes[byte & 15]!;
  }
  hexDigits = asciiDecoder.decode(digitCodes);
  hexOffset = 0;
}

/**
 * An id in OpenAI's style (`resp_…`, `msg_…`, `fc_…`, `rs_…`): 128 random bits in hex. Each is a
 * slice of a pooled string of digits (V8 keeps a slice as a view, no copy): writing each id's
 * digits as character codes cost about 1,000 instructions, on every answer and stream.
 */
export function responseItemId(prefix: string): string {
  if (hexOffset === hexDigits.length) refillHexDigits();
  const digits = hexDigits.slice(hexOffset, hexOffset + 32);
  hexOffset += 32;
  return `${prefix}_${digits}`;
}

interface ChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

/** Usage as a response reports it (`toResponsesUsage` writes every field). */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** Chat usage in the Responses API's words; both count cached tokens inside the input and reasoning inside the output. */
export function toResponsesUsage(usage: ChatUsage | undefined | null): ResponsesUsage | null {
  if (!usage) return null;
  const input = usage.prompt_tokens ?? 0;
  const output = usage.completion_tokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens ?? input + output,
  };
}

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** How a chat `finish_reason` ends a response: a length stop or a filter leaves it incomplete. */
export function statusOf(finishReason: unknown): { status: ResponseStatus; incomplete_details: JsonObject | null } {
  if (finishReason === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finishReason === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

export interface ResponseFields {
  id: string;
  createdAt: number;
  model: unknown;
  status: ResponseStatus;
  output: JsonObject[];
  usage?: ResponsesUsage | null;
  incompleteDetails?: JsonObject | null;
  error?: JsonObject | null;
}

/** The request's `text` settings as the response echoes them: `format` defaults to plain text. */
function textSettings(request: JsonObject): JsonObject {
  const text = (request.text as JsonObject | undefined) ?? {};
  return withFields(text, { format: text.format ?? { type: 'text' } });
}

/** The response object, echoing the request's settings as OpenAI does; `store` and `previous_response_id` are set by stored responses (responses/stored-responses.ts). */
export function responseObject(request: JsonObject, fields: ResponseFields): JsonObject {
  const reasoning = (request.reasoning as JsonObject | undefined) ?? {};
  return {
    id: fields.id,
    object: 'response',
    created_at: fields.createdAt,
    status: fields.status,
    error: fields.error ?? null,
    incomplete_details: fields.incompleteDetails ?? null,
    model: fields.model ?? request.model ?? null,
    output: fields.output,
    usage: fields.usage ?? null,
    background: false,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: reasoning.effort ?? null, summary: reasoning.summary ?? null },
    store: false,
    temperature: request.temperature ?? null,
    text: textSettings(request),
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    truncation: request.truncation ?? 'disabled',
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

/**
 * A value as JSON text, or `absent` (JSON text too) where it is missing or null. A number (from
 * parsed JSON: finite) or a boolean is written as it is, without a call into `JSON.stringify`.
 */
function jsonOr(value: unknown, absent: string): string {
  if (value === undefined || value === null) return absent;
  if (typeof value === 'number') return `${value}`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** `usage` as JSON text, written field by field: `JSON.stringify` of its three small objects cost about 1 µs. */
function usageText(usage: ResponsesUsage | null | undefined): string {
  if (!usage) return 'null';
  return `{"input_tokens":${jsonOr(usage.input_tokens, 'null')},"input_tokens_details":{"cached_tokens":${jsonOr(usage.input_tokens_details.cached_tokens, 'null')}},"output_tokens":${jsonOr(usage.output_tokens, 'null')},"output_tokens_details":{"reasoning_tokens":${jsonOr(usage.output_tokens_details.reasoning_tokens, 'null')}},"total_tokens":${jsonOr(usage.total_tokens, 'null')}}`;
}

/** An array the gateway leaves empty (a part's annotations, logprobs) as JSON text. */
function arrayText(value: unknown): string {
  return Array.isArray(value) && value.length === 0 ? '[]' : jsonOr(value, 'null');
}

/** A content part as JSON text: text (the common part) written field by field, any other serialised. */
function partText(part: JsonObject): string {
  if (part.type !== 'output_text') return JSON.stringify(part);
  return `{"type":"output_text","text":${JSON.stringify(part.text)},"annotations":${arrayText(part.annotations)},"logprobs":${arrayText(part.logprobs)}}`;
}

/**
 * Output items as JSON text: a message (`messageItem`'s fields, in its order) written field by
 * field, any other item serialised. `JSON.stringify` of a one-message output cost about 1 µs.
 */
function outputText(output: JsonObject[]): string {
  let text = '';
  for (const item of output) {
    if (text !== '') text += ',';
    if (item.type !== 'message' || !Array.isArray(item.content)) {
      text += JSON.stringify(item);
      continue;
    }
    let parts = '';
    for (const part of item.content as JsonObject[]) parts += parts === '' ? partText(part) : `,${partText(part)}`;
    text += `{"id":"${item.id}","type":"message","status":"${item.status}","role":"assistant","content":[${parts}]}`;
  }
  return `[${text}]`;
}

/**
 * The same object as JSON text, exactly as `JSON.stringify(responseObject(...))` writes it: for
 * JSON answers no hook rewrites, and for the events of a stream, which carry it three times or
 * more. `settings` (`responseSettingsText`) is written once per request, and each event
 * serialises only what the answer changed. Ids are the gateway's own (`responseItemId`): no escaping.
 */
export function responseText(fields: ResponseFields, settings: string): string {
  return `{"id":"${fields.id}","object":"response","created_at":${fields.createdAt},"status":"${fields.status}","error":${jsonOr(fields.error, 'null')},"incomplete_details":${jsonOr(fields.incompleteDetails, 'null')},"model":${jsonOr(fields.model, 'null')},"output":${outputText(fields.output)},"usage":${usageText(fields.usage)},${settings}}`;
}

/**
 * The fields of `responseObject` that echo the request, as JSON text without braces, for
 * `responseText`. Written field by field: most are absent from a request, and their defaults are
 * constant text (walking an object of them with `JSON.stringify` cost more than the rest of the
 * answer).
 */
export function responseSettingsText(request: JsonObject): string {
  const reasoning = (request.reasoning as JsonObject | undefined) ?? {};
  const text = request.text === undefined || request.text === null ? '{"format":{"type":"text"}}' : JSON.stringify(textSettings(request));
  return `"background":false,"instructions":${jsonOr(request.instructions, 'null')},"max_output_tokens":${jsonOr(request.max_output_tokens, 'null')},"parallel_tool_calls":${jsonOr(request.parallel_tool_calls, 'true')},"previous_response_id":null,"reasoning":{"effort":${jsonOr(reasoning.effort, 'null')},"summary":${jsonOr(reasoning.summary, 'null')}},"store":false,"temperature":${jsonOr(request.temperature, 'null')},"text":${text},"tool_choice":${jsonOr(request.tool_choice, '"auto"')},"tools":${jsonOr(request.tools, '[]')},"top_p":${jsonOr(request.top_p, 'null')},"truncation":${jsonOr(request.truncation, '"disabled"')},"user":${jsonOr(request.user, 'null')},"metadata":${jsonOr(request.metadata, '{}')}`;
}

/** A finished `message` item holding the answer's content parts (`output_text`, `refusal`). */
export function messageItem(id: string, content: JsonObject[], status = 'completed'): JsonObject {
  return { id, type: 'message', status, role: 'assistant', content };
}

/** A finished `function_call` item: `call_id` is the id the client sends back with the output. */
export function functionCallItem(id: string, callId: unknown, name: unknown, argumentsText: string, status = 'completed'): JsonObject {
  return { id, type: 'function_call', status, call_id: callId, name, arguments: argumentsText };
}

/**
 * A `reasoning` item whose summary is the thinking text the provider returned, with the signed
 * blocks behind it when the answer keeps them (see thinking-blocks.ts; the route seals them).
 */
export function reasoningItem(id: string, text: string, thinkingBlocks?: readonly unknown[]): JsonObject {
  const item: JsonObject = { id, type: 'reasoning', summary: text === '' ? [] : [{ type: 'summary_text', text }] };
  if (thinkingBlocks && thinkingBlocks.length > 0) item.thinking_blocks = thinkingBlocks;
  return item;
}

/** The reasoning text of a chat message or delta, under the names OpenAI-compatible servers use. */
export function reasoningTextOf(message: { reasoning_content?: unknown; reasoning?: unknown } | undefined): string {
  const value = message?.reasoning_content ?? message?.reasoning;
  return typeof value === 'string' ? value : '';
}

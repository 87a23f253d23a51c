/**
 * OpenAI `chat.completion.chunk` events as the Responses API's event stream: `response.created`,
 * `response.in_progress`, an item per reasoning, text and function call (added, its part or
 * arguments deltas, done), then `response.completed` or `response.incomplete`, or `response.failed`
 * when the upstream fails. Every event is named and numbered by `sequence_number`. A chat refusal
 * (`delta.refusal`) is a `refusal` part of the message, streamed as `response.refusal.delta` / `.done`.
 * https://platform.openai.com/docs/api-reference/responses-streaming
 */
import type { ChatChunkSinkV1, JsonObject } from '@ai-gateway/spec';
import { typedEventText } from '../typed-event.js';
import { functionCallItem, messageItem, reasoningItem, reasoningTextOf, responseItemId, responseSettingsText, responseText, statusOf, toResponsesUsage, type ResponseFields } from './response-object.js';
import { chatChunkSink, chatChunkStream, type EventOutput } from '../chat-chunk-stream.js';
import { keepsThinkingBlocks } from './thinking-blocks.js';

interface OpenItem {
  kind: 'reasoning' | 'message' | 'function_call';
  id: string;
  outputIndex: number;
  /** `"item_id":…,"output_index":…` as text: every event of the item leads with it. */
  at: string;
  text: string;
  callId?: unknown;
  name?: unknown;
  /** A reasoning item's signed blocks, each arriving whole once it ended upstream. */
  thinkingBlocks?: unknown[];
  /** A message's finished content parts, and the type of the open one, whose text is `text`. */
  parts?: JsonObject[];
  part?: 'output_text' | 'refusal';
  /** The open part's `"item_id":…,"content_index":…`, and its deltas' fields up to the text. */
  partAt?: string;
  deltaLead?: string;
}

/**
 * Events are written as JSON text (`typedEventText`): a delta serialises its text alone,
 * and the response the first and last events carry serialises the request's settings once.
 */
export function chatChunksToResponses(request: JsonObject): ChatChunkSinkV1 {
  let output!: EventOutput;
  let sequenceNumber = 0;
  let started = false;
  let ended = false;
  const fields: ResponseFields = { id: responseItemId('resp'), createdAt: Math.floor(Date.now() / 1000), model: request.model ?? null, status: 'in_progress', output: [] };
  const settings = responseSettingsText(request);
  // Text and reasoning end when anything else starts; function calls stay open until the end, as chat streams may interleave them.
  let openText: OpenItem | undefined;
  const openCalls = new Map<number, OpenItem>();
  let finishReason: unknown;
  let usage: JsonObject | undefined;
  const keepBlocks = keepsThinkingBlocks(request);

  const send = (type: string, eventFields: string) => output.write(typedEventText(type, `"sequence_number":${sequenceNumber++},${eventFields}`));
  const snapshot = () => `"response":${responseText(fields, settings)}`;
  const start = (chunk?: { model?: unknown; created?: unknown }) => {
    if (started) return;
    started = true;
    if (typeof chunk?.model === 'string' && chunk.model !== '') fields.model = chunk.model;
    const response = snapshot();
    send('response.created', response);
    send('response.in_progress', response);
  };
  const open = (kind: OpenItem['kind'], id: string, item: JsonObject): OpenItem => {
    const outputIndex = fields.output.length;
    fields.output.push(item);
    send('response.output_item.added', `"output_index":${outputIndex},"item":${JSON.stringify(item)}`);
    return { kind, id, outputIndex, at: `"item_id":"${id}","output_index":${outputIndex}`, text: '' };
  };
  const finishItem = (item: OpenItem, done: JsonObject) => {
    fields.output[item.outputIndex] = done;
    send('response.output_item.done', `"output_index":${item.outputIndex},"item":${JSON.stringify(done)}`);
  };

  const closeText = () => {
    const item = openText;
    if (!item) return;
    openText = undefined;
    if (item.kind === 'reasoning') {
      const text = JSON.stringify(item.text);
      send('response.reasoning_summary_text.done', `${item.at},"summary_index":0,"text":${text}`);
      send('response.reasoning_summary_part.done', `${item.at},"summary_index":0,"part":{"type":"summary_text","text":${text}}`);
      return finishItem(item, reasoningItem(item.id, item.text, item.thinkingBlocks));
    }
    closePart(item);
    finishItem(item, messageItem(item.id, item.parts!));
  };
  /** Ends a message's open content part: its text (or refusal) done, then the part done. */
  const closePart = (item: OpenItem) => {
    if (item.part === undefined) return;
    const text = JSON.stringify(item.text);
    let part: JsonObject;
    let partText: string;
    if (item.part === 'refusal') {
      part = { type: 'refusal', refusal: item.text };
      partText = `{"type":"refusal","refusal":${text}}`;
      send('response.refusal.done', `${item.partAt},"refusal":${text}`);
    } else {
      part = { type: 'output_text', text: item.text, annotations: [], logprobs: [] };
      partText = `{"type":"output_text","text":${text},"annotations":[],"logprobs":[]}`;
      send('response.output_text.done', `${item.partAt},"text":${text},"logprobs":[]`);
    }
    send('response.content_part.done', `${item.partAt},"part":${partText}`);
    item.parts!.push(part);
    item.part = undefined;
    item.text = '';
  };
  /** The open message with an open part of `type`: the message and the part are started when they are not. */
  const messageWithPart = (type: 'output_text' | 'refusal'): OpenItem => {
    if (openText?.kind !== 'message') {
      closeText();
      const id = responseItemId('msg');
      openText = open('message', id, { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] });
      openText.parts = [];
    }
    const item = openText;
    if (item.part !== type) {
      closePart(item);
      item.part = type;
      item.partAt = `${item.at},"content_index":${item.parts!.length}`;
      item.deltaLead = `${item.partAt},"delta":`;
      const part = type === 'refusal' ? '{"type":"refusal","refusal":""}' : '{"type":"output_text","text":"","annotations":[],"logprobs":[]}';
      send('response.content_part.added', `${item.partAt},"part":${part}`);
    }
    return item;
  };
  const closeCalls = () => {
    for (const call of openCalls.values()) {
      send('response.function_call_arguments.done', `${call.at},"name":${JSON.stringify(call.name)},"arguments":${JSON.stringify(call.text)}`);
      finishItem(call, functionCallItem(call.id, call.callId, call.name, call.text));
    }
    openCalls.clear();
  };

  const openReasoning = (): OpenItem => {
    if (openText?.kind !== 'reasoning') {
      closeText();
      const id = responseItemId('rs');
      openText = open('reasoning', id, { id, type: 'reasoning', summary: [] });
      send('response.reasoning_summary_part.added', `${openText.at},"summary_index":0,"part":{"type":"summary_text","text":""}`);
    }
    return openText;
  };
  const onReasoning = (delta: string) => {
    const item = openReasoning();
    item.text += delta;
    send('response.reasoning_summary_text.delta', `${item.at},"summary_index":0,"delta":${JSON.stringify(delta)}`);
  };
  const onText = (delta: string) => {
    const item = messageWithPart('output_text');
    item.text += delta;
    send('response.output_text.delta', `${item.deltaLead}${JSON.stringify(delta)},"logprobs":[]`);
  };
  const onRefusal = (delta: string) => {
    const item = messageWithPart('refusal');
    item.text += delta;
    send('response.refusal.delta', `${item.deltaLead}${JSON.stringify(delta)}`);
  };
  const onToolCall = (call: any) => {
    const toolIndex = typeof call.index === 'number' ? call.index : 0;
    let item = openCalls.get(toolIndex);
    if (!item) {
      closeText();
      const id = responseItemId('fc');
      const callId = call.id ?? `call_${crypto.randomUUID().replaceAll('-', '')}`;
      const name = call.function?.name ?? '';
      item = open('function_call', id, functionCallItem(id, callId, name, '', 'in_progress'));
      item.callId = callId;
      item.name = name;
      openCalls.set(toolIndex, item);
    }
    const argumentsDelta = call.function?.arguments;
    if (typeof argumentsDelta === 'string' && argumentsDelta !== '') {
      item.text += argumentsDelta;
      send('response.function_call_arguments.delta', `${item.at},"delta":${JSON.stringify(argumentsDelta)}`);
    }
  };

  const finish = () => {
    if (ended) return;
    ended = true;
    start();
    closeText();
    closeCalls();
    const { status, incomplete_details } = statusOf(finishReason);
    fields.status = status;
    fields.incompleteDetails = incomplete_details;
    fields.usage = toResponsesUsage(usage);
    send(status === 'completed' ? 'response.completed' : 'response.incomplete', snapshot());
  };
  const fail = (error: { message?: unknown; type?: unknown; code?: unknown }) => {
    if (ended) return;
    ended = true;
    start();
    fields.status = 'failed';
    fields.usage = toResponsesUsage(usage);
    const code = typeof error.code === 'string' ? error.code : typeof error.type === 'string' ? error.type : 'server_error';
    fields.error = { code, message: String(error.message ?? 'The upstream failed while streaming.') };
    send('response.failed', snapshot());
  };

  const onChunk = (chunk: any) => {
    if (chunk.error) return fail(chunk.error);
    start(chunk);
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = choice.delta ?? {};
    const reasoning = reasoningTextOf(delta);
    if (reasoning !== '') onReasoning(reasoning);
    if (keepBlocks && Array.isArray(delta.thinking_blocks)) {
      const open = openReasoning();
      open.thinkingBlocks = [...(open.thinkingBlocks ?? []), ...delta.thinking_blocks];
    }
    if (typeof delta.content === 'string' && delta.content !== '') onText(delta.content);
    if (typeof delta.refusal === 'string' && delta.refusal !== '') onRefusal(delta.refusal);
    for (const call of delta.tool_calls ?? []) onToolCall(call);
    if (choice.finish_reason) finishReason = choice.finish_reason;
  };

  return chatChunkSink({
    start: (events) => {
      output = events;
    },
    chunk: onChunk,
    finish,
    broken: (message) => fail({ message, code: 'server_error' }),
    isEnded: () => ended,
    hasFinishReason: () => Boolean(finishReason),
  });
}

/** The same, reading chat bytes. */
export function chatStreamToResponses(request: JsonObject): TransformStream<Uint8Array, Uint8Array> {
  return chatChunkStream(chatChunksToResponses(request));
}

/**
 * OpenAI `chat.completion.chunk` events as the Responses API's event stream: `response.created`,
 * `response.in_progress`, an item per reasoning, text and function call (added, its part or
 * arguments deltas, done), then `response.completed` or `response.incomplete`, or `response.failed`
 * when the upstream fails. Every event is named and numbered by `sequence_number`. A chat refusal
 * (`delta.refusal`) is a `refusal` part of the message, streamed as `response.refusal.delta` / `.done`.
 * https://platform.openai.com/docs/api-reference/responses-streaming
 */
import type { ChatChunkSinkV1, JsonObject } from '@ai-gateway/spec';
import { encodeTypedEvent } from '../typed-event.js';
import { functionCallItem, messageItem, reasoningItem, reasoningTextOf, responseItemId, responseObject, statusOf, toResponsesUsage, type ResponseFields } from './response-object.js';
import { chatChunkSink, chatChunkStream } from '../chat-chunk-stream.js';
import { keepsThinkingBlocks } from './thinking-blocks.js';

interface OpenItem {
  kind: 'reasoning' | 'message' | 'function_call';
  id: string;
  outputIndex: number;
  text: string;
  callId?: unknown;
  name?: unknown;
  /** A reasoning item's signed blocks, each arriving whole once it ended upstream. */
  thinkingBlocks?: unknown[];
  /** A message's finished content parts, and the type of the open one, whose text is `text`. */
  parts?: JsonObject[];
  part?: 'output_text' | 'refusal';
}

export function chatChunksToResponses(request: JsonObject): ChatChunkSinkV1 {
  let output!: TransformStreamDefaultController<Uint8Array>;
  let sequenceNumber = 0;
  let started = false;
  let ended = false;
  const fields: ResponseFields = { id: responseItemId('resp'), createdAt: Math.floor(Date.now() / 1000), model: request.model, status: 'in_progress', output: [] };
  // Text and reasoning end when anything else starts; function calls stay open until the end, as chat streams may interleave them.
  let openText: OpenItem | undefined;
  const openCalls = new Map<number, OpenItem>();
  let finishReason: unknown;
  let usage: JsonObject | undefined;
  const keepBlocks = keepsThinkingBlocks(request);

  const send = (type: string, data: JsonObject) => output.enqueue(encodeTypedEvent(type, data, `,"sequence_number":${sequenceNumber++}`));
  const snapshot = () => responseObject(request, fields);
  const start = (chunk?: { model?: unknown; created?: unknown }) => {
    if (started) return;
    started = true;
    if (typeof chunk?.model === 'string' && chunk.model !== '') fields.model = chunk.model;
    send('response.created', { response: snapshot() });
    send('response.in_progress', { response: snapshot() });
  };
  const addItem = (item: JsonObject) => {
    const outputIndex = fields.output.length;
    fields.output.push(item);
    send('response.output_item.added', { output_index: outputIndex, item });
    return outputIndex;
  };
  const finishItem = (open: OpenItem, item: JsonObject) => {
    fields.output[open.outputIndex] = item;
    send('response.output_item.done', { output_index: open.outputIndex, item });
  };

  const closeText = () => {
    const open = openText;
    if (!open) return;
    openText = undefined;
    if (open.kind === 'reasoning') {
      const part = { type: 'summary_text', text: open.text };
      send('response.reasoning_summary_text.done', { item_id: open.id, output_index: open.outputIndex, summary_index: 0, text: open.text });
      send('response.reasoning_summary_part.done', { item_id: open.id, output_index: open.outputIndex, summary_index: 0, part });
      return finishItem(open, reasoningItem(open.id, open.text, open.thinkingBlocks));
    }
    closePart(open);
    finishItem(open, messageItem(open.id, open.parts!));
  };
  /** Ends a message's open content part: its text (or refusal) done, then the part done. */
  const closePart = (open: OpenItem) => {
    if (open.part === undefined) return;
    const contentIndex = open.parts!.length;
    let part: JsonObject;
    if (open.part === 'refusal') {
      part = { type: 'refusal', refusal: open.text };
      send('response.refusal.done', { item_id: open.id, output_index: open.outputIndex, content_index: contentIndex, refusal: open.text });
    } else {
      part = { type: 'output_text', text: open.text, annotations: [], logprobs: [] };
      send('response.output_text.done', { item_id: open.id, output_index: open.outputIndex, content_index: contentIndex, text: open.text, logprobs: [] });
    }
    send('response.content_part.done', { item_id: open.id, output_index: open.outputIndex, content_index: contentIndex, part });
    open.parts!.push(part);
    open.part = undefined;
    open.text = '';
  };
  /** The open message with an open part of `type`: the message and the part are started when they are not. */
  const messageWithPart = (type: 'output_text' | 'refusal'): OpenItem => {
    if (openText?.kind !== 'message') {
      closeText();
      const id = responseItemId('msg');
      openText = { kind: 'message', id, outputIndex: addItem({ id, type: 'message', status: 'in_progress', role: 'assistant', content: [] }), text: '', parts: [] };
    }
    const open = openText;
    if (open.part !== type) {
      closePart(open);
      open.part = type;
      const part = type === 'refusal' ? { type, refusal: '' } : { type, text: '', annotations: [], logprobs: [] };
      send('response.content_part.added', { item_id: open.id, output_index: open.outputIndex, content_index: open.parts!.length, part });
    }
    return open;
  };
  const closeCalls = () => {
    for (const open of openCalls.values()) {
      send('response.function_call_arguments.done', { item_id: open.id, output_index: open.outputIndex, name: open.name, arguments: open.text });
      finishItem(open, functionCallItem(open.id, open.callId, open.name, open.text));
    }
    openCalls.clear();
  };

  const openReasoning = (): OpenItem => {
    if (openText?.kind !== 'reasoning') {
      closeText();
      const id = responseItemId('rs');
      openText = { kind: 'reasoning', id, outputIndex: addItem({ id, type: 'reasoning', summary: [] }), text: '' };
      send('response.reasoning_summary_part.added', { item_id: id, output_index: openText.outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' } });
    }
    return openText;
  };
  const onReasoning = (delta: string) => {
    const open = openReasoning();
    open.text += delta;
    send('response.reasoning_summary_text.delta', { item_id: open.id, output_index: open.outputIndex, summary_index: 0, delta });
  };
  const onText = (delta: string) => {
    const open = messageWithPart('output_text');
    open.text += delta;
    send('response.output_text.delta', { item_id: open.id, output_index: open.outputIndex, content_index: open.parts!.length, delta, logprobs: [] });
  };
  const onRefusal = (delta: string) => {
    const open = messageWithPart('refusal');
    open.text += delta;
    send('response.refusal.delta', { item_id: open.id, output_index: open.outputIndex, content_index: open.parts!.length, delta });
  };
  const onToolCall = (call: any) => {
    const toolIndex = typeof call.index === 'number' ? call.index : 0;
    let open = openCalls.get(toolIndex);
    if (!open) {
      closeText();
      const id = responseItemId('fc');
      const callId = call.id ?? `call_${crypto.randomUUID().replaceAll('-', '')}`;
      const name = call.function?.name ?? '';
      open = { kind: 'function_call', id, outputIndex: addItem(functionCallItem(id, callId, name, '', 'in_progress')), text: '', callId, name };
      openCalls.set(toolIndex, open);
    }
    const argumentsDelta = call.function?.arguments;
    if (typeof argumentsDelta === 'string' && argumentsDelta !== '') {
      open.text += argumentsDelta;
      send('response.function_call_arguments.delta', { item_id: open.id, output_index: open.outputIndex, delta: argumentsDelta });
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
    send(status === 'completed' ? 'response.completed' : 'response.incomplete', { response: snapshot() });
  };
  const fail = (error: { message?: unknown; type?: unknown; code?: unknown }) => {
    if (ended) return;
    ended = true;
    start();
    fields.status = 'failed';
    fields.usage = toResponsesUsage(usage);
    const code = typeof error.code === 'string' ? error.code : typeof error.type === 'string' ? error.type : 'server_error';
    fields.error = { code, message: String(error.message ?? 'The upstream failed while streaming.') };
    send('response.failed', { response: snapshot() });
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
    start: (controller) => {
      output = controller;
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

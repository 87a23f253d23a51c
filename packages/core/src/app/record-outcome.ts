/**
 * How a request ended, told to its log record by the route handler: the answer that went to the
 * client, or the failure it got (or would have got, had it not gone away).
 */
import { GatewayError } from '@ai-gateway/provider-utils';
import type { ClientSignal } from '@ai-gateway/spec';
import type { RecordDraft } from '../record/record-draft.js';
import { guardStream } from '../stream/guard-stream.js';
import { isStreamBody, readBodyOf, type Answer } from '../upstream/answer.js';
import type { RequestTrace } from './execute-request.js';

const clientWentAway = new GatewayError('The client went away before the answer.', { status: 499, type: 'client_error', code: 'client_closed_request' });

/**
 * The answer goes to the client: its record learns the status, and a body that is not a stream now.
 * A stream's record ends with the stream; one no stream guard carries yet gets one that observes it.
 */
export function recordAnswer(record: RecordDraft, answer: Answer, trace: RequestTrace): void {
  record.cacheStatus = trace.cacheStatus;
  record.configPath = trace.optionPath;
  if (isStreamBody(answer.body) && !record.streamObserved) {
    record.streamStarted(answer.headers['content-type']?.includes('text/event-stream') ?? false);
    answer.body = guardStream(readBodyOf(answer.body), { isEventStream: false, observer: record });
  }
  record.answer(answer.status, answer.headers['content-type'], answer.body);
}

/** The request failed; a client that had gone away never saw the failure, and that is what happened. */
export function recordFailure(record: RecordDraft, failure: GatewayError, trace: RequestTrace, traceId: string | undefined, signal: ClientSignal): void {
  record.traceId = traceId;
  record.cacheStatus = trace.cacheStatus;
  record.configPath = trace.optionPath;
  record.fail(signal.aborted ? clientWentAway : failure);
}

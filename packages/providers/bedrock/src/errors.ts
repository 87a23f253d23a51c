/**
 * Bedrock errors -> OpenAI errors. HTTP errors carry `{"message": "..."}` (the type is in the
 * `x-amzn-errortype` header, which core's `transformError` does not see, so the status speaks);
 * ConverseStream reports failures after the 200 as exception frames whose `:exception-type`
 * names them. https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html#API_runtime_ConverseStream_Errors
 */
import type { ProviderErrorDetails } from '@ai-gateway/spec';
import { GatewayError } from '@ai-gateway/provider-utils';

/** Bedrock's documented statuses for each exception, used for frames that arrive mid-stream. */
const exceptionStatuses: Record<string, number> = {
  accessDeniedException: 403,
  resourceNotFoundException: 404,
  modelTimeoutException: 408,
  validationException: 400,
  modelErrorException: 424,
  modelStreamErrorException: 424,
  modelNotReadyException: 429,
  throttlingException: 429,
  serviceQuotaExceededException: 429,
  internalServerException: 500,
  serviceUnavailableException: 503,
};

function messageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body || undefined;
  const record = body as { message?: unknown; Message?: unknown } | null;
  const message = record?.message ?? record?.Message;
  return typeof message === 'string' ? message : undefined;
}

/** `transformError` for the provider: keeps Bedrock's message; core keeps the status. */
export function bedrockError(status: number, body: unknown): ProviderErrorDetails {
  const message = messageOf(body) ?? `Bedrock answered ${status}.`;
  return { message, code: null };
}

/** An exception (or generic error) frame inside a 200 ConverseStream, as the error the client gets. */
export function streamExceptionError(exceptionType: string, payload: unknown): GatewayError {
  const key = exceptionType.charAt(0).toLowerCase() + exceptionType.slice(1);
  const status = exceptionStatuses[key] ?? 502;
  const message = messageOf(payload) ?? `Bedrock reported ${exceptionType} while streaming.`;
  return new GatewayError(message, { status, type: status === 502 || status === 424 ? 'upstream_error' : undefined, code: key });
}

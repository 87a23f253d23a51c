/** A trace id for requests that bring none; echoed in `x-portkey-trace-id` and kept in the logs. */
export function newTraceId(): string {
  return crypto.randomUUID();
}

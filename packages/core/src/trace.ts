/**
 * A trace id for requests that bring none; echoed in `x-portkey-trace-id` and kept in the logs.
 *
 * A UUID version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest random
 * (74 bits). Ids made one after another sort by time, so a log store's index on them grows at its
 * end: random ids (version 4) would put every insert on a different page of the index, and a
 * SQLite batch would write each of those pages again. The random part is a version 4 UUID's.
 */
export function newTraceId(): string {
  const random = crypto.randomUUID();
  const time = Date.now().toString(16).padStart(12, '0');
  // `random` is xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: keep what follows its version digit.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

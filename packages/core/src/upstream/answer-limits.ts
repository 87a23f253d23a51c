/**
 * Facts about upstream answers that core and a runtime's upstream client must agree on.
 */

/** Statuses whose answers have no body, per the Fetch standard; `new Response` refuses one. */
export const nullBodyStatuses: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/**
 * Plain answers of declared length up to this size are read whole before the client is answered
 * (see callTarget), so a runtime's client may read them whole as they arrive; larger and unsized
 * ones stream.
 */
export const bufferedAnswerLimit = 4 * 1024 * 1024;

/**
 * Whether a hook's result must be awaited. Hooks may answer at once or with a promise; awaiting
 * only the promises saves a microtask turn (and an allocation) on the paths that run per request.
 */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}

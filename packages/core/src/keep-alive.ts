/**
 * What a runtime offers to keep work going after the response is sent (Cloudflare Workers'
 * `ctx.waitUntil`). Hono's Context has this shape; its `executionCtx` throws on runtimes without one.
 */
export interface ExecutionContextHolder {
  readonly executionCtx: { waitUntil(promise: Promise<unknown>): void };
}

/** Hands `promise` to the runtime's `waitUntil` when there is one; elsewhere it simply runs on. */
export function keepAlive(runtime: ExecutionContextHolder | undefined, promise: Promise<unknown>): void {
  if (!runtime) return;
  try {
    runtime.executionCtx.waitUntil(promise);
  } catch {
    // No execution context (Node, Bun): nothing ends the process under a pending promise.
  }
}

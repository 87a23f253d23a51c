/** One POST of a batch of JSON lines to a log collector, and whether a failure is worth another try. */

export interface BatchPost {
  url: string;
  /** With the content type; made once, each fetch copies it. */
  headers: Headers;
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface PostFailure {
  /** For the operator's log: a status or an error's message, never a header. */
  message: string;
  /** A network error, a timeout, 408, 429 or 5xx: the collector may take it later. Other answers refuse the batch itself. */
  retryable: boolean;
}

/** Undefined when the collector took the batch (any 2xx). */
export async function postBatch(post: BatchPost, body: string): Promise<PostFailure | undefined> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), post.timeoutMs);
  try {
    const response = await post.fetch(post.url, {
      method: 'POST',
      headers: post.headers,
      body,
      signal: abort.signal,
      redirect: 'manual',
    });
    // The answer's body is not needed; reading it to the end frees the connection for the next batch.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return undefined;
    const status = response.status;
    return { message: `answered ${status}`, retryable: status === 408 || status === 429 || status >= 500 };
  } catch (error) {
    // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED ...) is its cause.
    const cause = (error as { cause?: { code?: unknown } }).cause?.code;
    const reason = typeof cause === 'string' ? cause : (error as Error).message;
    const message = abort.signal.aborted ? `did not answer within ${post.timeoutMs} ms` : `could not be reached (${reason})`;
    return { message, retryable: true };
  } finally {
    clearTimeout(timer);
  }
}

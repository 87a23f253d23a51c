/** A recorded body: pretty JSON, or for a stream the answer put back together with its raw events below. */
import type { RecordedBodyV1 } from '@ai-gateway/spec';
import { assembleStream, looksLikeEvents } from '../lib/assemble-stream.js';
import { formatCount, prettyBody } from '../lib/format.js';

function sizeNote(body: RecordedBodyV1): string {
  return body.truncated ? `${formatCount(body.bytes)} bytes, cut to what the log keeps` : `${formatCount(body.bytes)} bytes`;
}

export function BodyView({ body, stream = false }: { body: RecordedBodyV1; stream?: boolean }) {
  if (body.text === null) return <p>{body.bytes > 0 ? `Not kept (${sizeNote(body)}; bodies are off).` : 'Empty.'}</p>;
  if (stream && looksLikeEvents(body.text)) {
    const assembled = assembleStream(body.text);
    return (
      <>
        <p class="meta">
          The answer, put together from {assembled.events} events ({sizeNote(body)}):
        </p>
        <pre class="code answer">{assembled.text || '(no text)'}</pre>
        {assembled.toolArguments && <pre class="code">{assembled.toolArguments}</pre>}
        {assembled.error && (
          <p class="notice error">
            The stream ended with an error: {assembled.error}
          </p>
        )}
        <details>
          <summary>Raw events</summary>
          <pre class="code">{body.text}</pre>
        </details>
      </>
    );
  }
  return (
    <>
      <p class="meta">{sizeNote(body)}</p>
      <pre class="code">{prettyBody(body.text)}</pre>
    </>
  );
}

import { describe, expect, it } from 'vitest';
import { createDirectTransformStream, directTransformOf } from './direct-transform.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Upper-cases each chunk; writes a greeting as it starts and a farewell at the end. */
function shouting() {
  return createDirectTransformStream<Uint8Array>({
    start: (output) => output.enqueue(encoder.encode('<')),
    transform: (chunk, output) => output.enqueue(encoder.encode(decoder.decode(chunk).toUpperCase())),
    flush: (output) => output.enqueue(encoder.encode('>')),
  });
}

describe('createDirectTransformStream', () => {
  it('runs as a Web stream, and is then no longer offered to run directly', async () => {
    const stream = shouting();
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('a'));
        controller.enqueue(encoder.encode('b'));
        controller.close();
      },
    });
    let text = '';
    for await (const chunk of source.pipeThrough(stream)) text += decoder.decode(chunk);
    expect(text).toBe('<AB>');
    expect(directTransformOf(stream)).toBeUndefined();
  });

  it('runs directly, with what it wrote before it was connected, and is then no longer a Web stream to build', () => {
    const stream = shouting();
    const direct = directTransformOf(stream)!;
    const written: string[] = [];
    direct.connect((chunk) => written.push(decoder.decode(chunk)));
    direct.transform(encoder.encode('a'));
    direct.transform(encoder.encode('b'));
    direct.flush();
    expect(written).toEqual(['<', 'A', 'B', '>']);
    expect(directTransformOf(stream)).toBeUndefined();
    expect(() => stream.readable).toThrow(TypeError);
  });

  it('fails a direct step by throwing when the transformer errors its output', () => {
    const stream = createDirectTransformStream<Uint8Array>({ transform: (_chunk, output) => output.error(new Error('unreadable')) });
    const direct = directTransformOf(stream)!;
    direct.connect(() => {});
    expect(() => direct.transform(encoder.encode('a'))).toThrow('unreadable');
  });
});

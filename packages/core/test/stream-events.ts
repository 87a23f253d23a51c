/** Runs a client format's stream translation over OpenAI chunk events, for the formats' unit tests. */

/** One OpenAI `chat.completion.chunk` event with `delta`, as a provider's chat stream sends it. */
export const chatChunk = (delta: object, finishReason: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', model: 'gpt', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;

/** The events `translation` writes for `events`, each as its name and parsed data. */
export async function translatedEvents(translation: TransformStream<Uint8Array, Uint8Array>, events: string[]): Promise<{ event: string; data: any }[]> {
  const encoder = new TextEncoder();
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(encoder.encode(event));
      controller.close();
    },
  });
  const text = await new Response(source.pipeThrough(translation)).text();
  return text.trim().split('\n\n').map((block) => {
    const [eventLine, dataLine] = block.split('\n');
    return { event: eventLine.slice('event: '.length), data: JSON.parse(dataLine.slice('data: '.length)) };
  });
}

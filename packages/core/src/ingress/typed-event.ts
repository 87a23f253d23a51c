/**
 * A named server-sent event whose data leads with its type, as Anthropic's Messages events and the
 * Responses API's events do: `event: <type>` and `data: {"type": "<type>", <lead>, ...data}`.
 */
const encoder = new TextEncoder();

/**
 * The leading fields are written as text (`lead`: more of them, each starting with a comma), so no
 * object is built to put them before `data`'s: on Node 20 a literal with fields of its own and a
 * spread after them is built property by property, for every event of every stream.
 */
export function encodeTypedEvent(type: string, data: object, lead = ''): Uint8Array {
  const rest = JSON.stringify(data);
  return encoder.encode(`event: ${type}\ndata: {"type":${JSON.stringify(type)}${lead}${rest === '{}' ? '}' : `,${rest.slice(1)}`}\n\n`);
}

/**
 * A named server-sent event whose data leads with its type, as Anthropic's Messages events and the
 * Responses API's events do: `event: <type>` and `data: {"type": "<type>", ...fields}`.
 */

/**
 * The event with `fields`, the rest of its data as JSON text without braces ('' for none). A
 * stream that writes its fields as text builds no object per event, and serialises only the
 * values that change (a delta's text, say) rather than every key of every event. `type` is one
 * of the format's own event names, which need no escaping.
 */
export function typedEventText(type: string, fields: string): string {
  return `event: ${type}\ndata: {"type":"${type}"${fields === '' ? '' : `,${fields}`}}\n\n`;
}

/**
 * The event with `data`'s fields after the type. On Node 20 a literal with fields of its own and a
 * spread after them is built property by property: the type is written as text instead.
 */
export function typedEventOf(type: string, data: object): string {
  const fields = JSON.stringify(data);
  return typedEventText(type, fields === '{}' ? '' : fields.slice(1, -1));
}

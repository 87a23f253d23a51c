/**
 * What a record takes from the config header (its text without credentials, the credentials in
 * it), remembered by the header's text. A client sends the same config on every request, and
 * reading it again means parsing, walking and (for the redacted copy) writing the JSON each time:
 * for a config with guardrails, more than the rest of building the record.
 */
/** Distinct config headers remembered; past it the oldest is forgotten (configs made per request). */
const maxRememberedConfigs = 256;

/** `compute(text)`, remembered for the latest `maxRememberedConfigs` distinct texts. */
export function rememberedByConfigText<Value>(compute: (text: string) => Value): (text: string) => Value {
  const remembered = new Map<string, Value>();
  return (text) => {
    let value = remembered.get(text);
    if (value === undefined && !remembered.has(text)) {
      value = compute(text);
      if (remembered.size >= maxRememberedConfigs) remembered.delete(remembered.keys().next().value!);
      remembered.set(text, value);
    }
    return value as Value;
  };
}

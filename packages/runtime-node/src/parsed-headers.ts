/**
 * Headers that Node or undici have already parsed, as a Web `Headers` that reads them in place
 * instead of copying them. `new Headers(...)` converts and validates every header through WebIDL
 * (about 3 µs for a handful, more for a real client's or provider's dozens), and core then reads
 * only a few of them. Profiling the gateway under load put these copies, of the incoming request's
 * headers and of every upstream answer's, among the larger costs of a passthrough call.
 *
 * It is a real `Headers` (the subclass of an empty one), so `instanceof Headers` holds and
 * `new Headers(parsedHeaders)` copies it. It is read-only, as the headers of an incoming request
 * or of a fetched response are. Values are what the parser made of them: Node joins a repeated
 * request header with ", " (cookies with "; ") and keeps the first of those that may appear once
 * (authorization, content-type, host, ...); a repeated header that undici hands over as a list is
 * joined with ", ", as `Headers.get` does.
 */

/** Node's `IncomingHttpHeaders`, undici's response headers: lower-case names. */
export type ParsedHeaderRecord = Record<string, string | string[] | undefined>;

/**
 * Node's header object is a plain object: only string (or string list) values count, never what a
 * name like "constructor" finds on its prototype.
 */
function joinedValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.join(', ') : null;
}

/**
 * Lower-case forms of the names headers are asked for. The gateway asks for the same few dozen
 * names all day, nearly all lower-case already, and most are absent from a given request (every
 * `x-portkey-*` option a client did not set); lower-casing each absent name again, to be sure, was
 * 1.2% of a passthrough call's instructions. Bounded, since the names of
 * `x-portkey-forward-headers` come from clients.
 */
const lowerCaseNames = new Map<string, string>();
const lowerCaseNamesLimit = 512;

function lowerCased(name: string): string {
  let lowerCase = lowerCaseNames.get(name);
  if (lowerCase === undefined) {
    lowerCase = name.toLowerCase();
    if (lowerCaseNames.size >= lowerCaseNamesLimit) lowerCaseNames.clear();
    lowerCaseNames.set(name, lowerCase);
  }
  return lowerCase;
}

export class ParsedHeaders extends Headers {
  readonly #parsed: ParsedHeaderRecord;

  constructor(parsed: ParsedHeaderRecord) {
    super();
    this.#parsed = parsed;
  }

  override get(name: string): string | null {
    // Callers mostly ask with the lower-case name already; lower-casing it anyway cost more than
    // the lookup. The parser's names are all lower-case, so a miss may still be a mixed-case name.
    const value = this.#parsed[name];
    if (value !== undefined) return joinedValue(value);
    const lowerCase = lowerCased(name);
    return lowerCase === name ? null : joinedValue(this.#parsed[lowerCase]);
  }

  override has(name: string): boolean {
    return this.get(name) !== null;
  }

  override getSetCookie(): string[] {
    return [...(this.#parsed['set-cookie'] ?? [])];
  }

  /**
   * Core reads every request's and every answer's headers this way: the names are lower-case
   * already. In the order the parser met them, not sorted as a Web `Headers` iterates: nothing in
   * the gateway depends on the order, an answer's headers keep the upstream's, and sorting them
   * was a measurable share of a passthrough call's instructions.
   */
  override forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    const parsed = this.#parsed;
    for (const name of Object.keys(parsed)) {
      const value = joinedValue(parsed[name]);
      if (value !== null) callback.call(thisArg, value, name, this);
    }
  }

  /** In the parser's order, as forEach. */
  override *entries(): HeadersIterator<[string, string]> {
    const parsed = this.#parsed;
    for (const name of Object.keys(parsed)) {
      const value = joinedValue(parsed[name]);
      if (value !== null) yield [name, value];
    }
  }

  override *keys(): HeadersIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  override *values(): HeadersIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  override [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.entries();
  }

  override append(_name: string, _value: string): never {
    throw new TypeError('These headers are read-only.');
  }

  override set(_name: string, _value: string): never {
    throw new TypeError('These headers are read-only.');
  }

  override delete(_name: string): never {
    throw new TypeError('These headers are read-only.');
  }
}

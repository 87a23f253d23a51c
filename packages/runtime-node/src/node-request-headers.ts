/**
 * A request's headers as a Web `Headers` that reads Node's own parsed headers instead of copying
 * them. `new Headers(...)` from a Node request converts and validates every header through WebIDL
 * (about 3 µs for a handful, more with a real client's dozen), and core then reads only a few of
 * them; Node has already parsed and validated them all. Profiling the gateway under load put this
 * copy among the larger costs of a passthrough call.
 *
 * It is a real `Headers` (the subclass of an empty one), so `instanceof Headers` holds and
 * `new Headers(requestHeaders)` copies it. Values follow Node's parsing: repeated headers are
 * joined with ", " (cookies with "; "), and for the few that may appear once (authorization,
 * content-type, host, ...) Node keeps the first. The headers of an incoming request are immutable.
 */
import type { IncomingHttpHeaders } from 'node:http';

export class NodeRequestHeaders extends Headers {
  readonly #parsed: IncomingHttpHeaders;

  constructor(parsed: IncomingHttpHeaders) {
    super();
    this.#parsed = parsed;
  }

  override get(name: string): string | null {
    // Node's header object is a plain object: only own string (or string array) values count,
    // never what a name like "constructor" finds on its prototype.
    const value = this.#parsed[name.toLowerCase()];
    if (typeof value === 'string') return value;
    return Array.isArray(value) ? value.join(', ') : null;
  }

  override has(name: string): boolean {
    return this.get(name) !== null;
  }

  override getSetCookie(): string[] {
    return [...(this.#parsed['set-cookie'] ?? [])];
  }

  override forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  /** Sorted by name, as a `Headers` iterates. */
  override *entries(): HeadersIterator<[string, string]> {
    for (const name of Object.keys(this.#parsed).sort()) {
      const value = this.get(name);
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
    throw new TypeError('The headers of an incoming request are immutable.');
  }

  override set(_name: string, _value: string): never {
    throw new TypeError('The headers of an incoming request are immutable.');
  }

  override delete(_name: string): never {
    throw new TypeError('The headers of an incoming request are immutable.');
  }
}

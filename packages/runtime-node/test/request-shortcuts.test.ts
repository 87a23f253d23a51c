import { describe, expect, it } from 'vitest';
import { DisconnectSignal, toAbortSignal } from '../src/disconnect-signal.js';
import { ParsedHeaders } from '../src/parsed-headers.js';

describe('ParsedHeaders', () => {
  // What Node's parser makes of a request (lower-case names, repeated headers already combined).
  const parsed = { 'content-type': 'application/json', 'x-portkey-provider': 'openai', 'x-b': 'one, two', 'x-a': 'first' };

  it('reads headers by name, whatever the case, as a Headers does', () => {
    const headers = new ParsedHeaders(parsed);
    expect(headers).toBeInstanceOf(Headers);
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('x-portkey-provider')).toBe('openai');
    expect(headers.has('X-B')).toBe(true);
    expect(headers.get('x-missing')).toBeNull();
    expect(headers.get('X-Missing')).toBeNull();
  });

  it('still finds a mixed-case name after it has asked for many other names', () => {
    const headers = new ParsedHeaders(parsed);
    // More distinct names than the lower-case cache holds, so it starts over at least once.
    for (let index = 0; index < 1200; index += 1) expect(headers.get(`X-Absent-${index}`)).toBeNull();
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('CONTENT-TYPE')).toBe('application/json');
    expect(headers.get('X-Portkey-Provider')).toBe('openai');
  });

  it('joins a header undici hands over as a list, and keeps the list for set-cookie', () => {
    const headers = new ParsedHeaders({ 'x-repeated': ['a', 'b'], 'set-cookie': ['one=1', 'two=2'] });
    expect(headers.get('x-repeated')).toBe('a, b');
    expect(headers.getSetCookie()).toEqual(['one=1', 'two=2']);
  });

  it('never finds what the plain object inherits', () => {
    const headers = new ParsedHeaders(parsed);
    expect(headers.get('constructor')).toBeNull();
    expect(headers.get('__proto__')).toBeNull();
    expect(headers.has('toString')).toBe(false);
  });

  it("iterates in the parser's order, and copies into a Headers like a Web Headers does", () => {
    const headers = new ParsedHeaders(parsed);
    const web = new Headers(parsed);
    expect([...headers]).toEqual(Object.entries(parsed));
    const names: string[] = [];
    headers.forEach((_value, name) => {
      names.push(name);
    });
    expect(names).toEqual(['content-type', 'x-portkey-provider', 'x-b', 'x-a']);
    expect([...new Headers(headers)]).toEqual([...web]);
    expect(new Request('http://gateway.test/', { headers }).headers.get('x-b')).toBe('one, two');
  });

  it('refuses changes, as the headers of a request or a fetched answer do', () => {
    const headers = new ParsedHeaders(parsed);
    expect(() => headers.set('x-a', 'changed')).toThrow(TypeError);
    expect(() => headers.delete('x-a')).toThrow(TypeError);
    expect(headers.get('x-a')).toBe('first');
  });
});

describe('DisconnectSignal', () => {
  it('tells its listeners once, with the reason, and throws it afterwards', () => {
    const signal = new DisconnectSignal();
    const heard: unknown[] = [];
    signal.addEventListener('abort', () => heard.push(signal.reason), { once: true });
    signal.onabort = () => heard.push('onabort');
    expect(() => signal.throwIfAborted()).not.toThrow();
    const reason = new Error('client went away');
    signal.abort(reason);
    signal.abort(new Error('again'));
    expect(signal.aborted).toBe(true);
    expect(heard).toEqual(['onabort', reason]);
    expect(() => signal.throwIfAborted()).toThrow(reason);
  });

  it('stops telling a listener that was removed', () => {
    const signal = new DisconnectSignal();
    let calls = 0;
    const listener = () => calls++;
    signal.addEventListener('abort', listener);
    signal.removeEventListener('abort', listener);
    signal.abort(new Error('gone'));
    expect(calls).toBe(0);
  });

  it('becomes a real AbortSignal that follows it, for APIs that insist on one', () => {
    const signal = new DisconnectSignal();
    const real = toAbortSignal(signal);
    expect(real).toBeInstanceOf(AbortSignal);
    expect(real.aborted).toBe(false);
    const reason = new Error('gone');
    signal.abort(reason);
    expect(real.aborted).toBe(true);
    expect(real.reason).toBe(reason);
    expect(toAbortSignal(signal).reason).toBe(reason);
    const already = AbortSignal.abort();
    expect(toAbortSignal(already)).toBe(already);
  });
});

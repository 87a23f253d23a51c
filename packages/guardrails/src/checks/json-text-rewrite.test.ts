import { describe, expect, it } from 'vitest';
import { rewrittenSegments } from './json-text-rewrite.js';

const body: any = { model: 'm', temperature: 0.2, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'text', text: 'hi' }] }] };
const segments = ['be brief', 'hi', 'hi'];

describe('rewrittenSegments', () => {
  it('maps changed texts to the segments holding them, equal texts in document order', () => {
    const rewritten = structuredClone(body);
    rewritten.messages[1].content[1] = { type: 'text', text: 'second' };
    expect(rewrittenSegments(body, rewritten, segments)).toEqual(['be brief', 'second', 'hi']);
  });

  it('answers undefined when nothing changed', () => {
    expect(rewrittenSegments(body, structuredClone(body), segments)).toBeUndefined();
  });

  it('refuses changes other than texts: values, shapes, and strings that are not segments', () => {
    expect(() => rewrittenSegments(body, { ...body, temperature: 1 }, segments)).toThrow('changes temperature');
    expect(() => rewrittenSegments(body, { ...body, messages: body.messages.slice(1) }, segments)).toThrow('changes the length of messages');
    expect(() => rewrittenSegments(body, { ...body, extra: true }, segments)).toThrow("adds 'extra'");
    expect(() => rewrittenSegments(body, { ...body, model: 'other' }, segments)).toThrow('changes model, which is not a text');
    expect(() => rewrittenSegments(body, { ...body, temperature: '0.2' }, segments)).toThrow('changes the type of temperature');
  });
});

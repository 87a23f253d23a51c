import { describe, expect, it } from 'vitest';
import { createCounterFamily } from './counter-family.js';
import { createSeriesIndex } from './series-index.js';

describe('createSeriesIndex', () => {
  it('keeps apart label values that a joined key would mix up, and lists series oldest first', () => {
    const index = createSeriesIndex<string>();
    index.add(['a\u0000b', 'c'], 'first');
    index.add(['a', 'b\u0000c'], 'second');
    index.add(['a', ''], 'third');
    expect(index.find(['a\u0000b', 'c'])).toBe('first');
    expect(index.find(['a', 'b\u0000c'])).toBe('second');
    expect(index.find(['a', ''])).toBe('third');
    expect(index.find(['a', 'b'])).toBeUndefined();
    expect(index.find(['x', 'c'])).toBeUndefined();
    expect(index.all).toEqual(['first', 'second', 'third']);
  });

  it('holds the one series of a family without labels', () => {
    const index = createSeriesIndex<number>();
    expect(index.find([])).toBeUndefined();
    index.add([], 7);
    expect(index.find([])).toBe(7);
  });
});

describe('a counter family', () => {
  it('counts each distinct list of label values in a series of its own', () => {
    const family = createCounterFamily('requests_total', 'Requests.', ['provider', 'model']);
    family.add(['openai', 'gpt","x']);
    family.add(['openai", "gpt', 'x']);
    family.add(['openai', 'gpt","x'], 2);
    const lines: string[] = [];
    family.render(lines);
    expect(lines.slice(1)).toEqual(['requests_total{provider="openai",model="gpt\\",\\"x"} 3\n', 'requests_total{provider="openai\\", \\"gpt",model="x"} 1\n']);
  });
});

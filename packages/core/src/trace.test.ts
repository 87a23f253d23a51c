import { describe, expect, it } from 'vitest';
import { newTraceId } from './trace.js';

describe('newTraceId', () => {
  it('makes UUIDs of version 7 whose first 48 bits are the time in milliseconds', () => {
    const before = Date.now();
    const id = newTraceId();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const time = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(after);
  });

  it('sorts ids of later milliseconds after earlier ones, and never repeats', async () => {
    const first = newTraceId();
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = newTraceId();
    expect(first < second).toBe(true);
    const many = new Set(Array.from({ length: 10_000 }, newTraceId));
    expect(many.size).toBe(10_000);
  });
});

import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';

describe('isoTime', () => {
  it('writes what toISOString writes, within a second, across seconds and for unusual years', () => {
    const times = [
      Date.UTC(2026, 11, 7, 7, 28, 4, 353),
      Date.UTC(2026, 11, 7, 7, 28, 4, 5),
      Date.UTC(2026, 11, 7, 7, 28, 4, 40),
      Date.UTC(2026, 11, 7, 7, 28, 5, 0),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2027, 0, 1, 0, 0, 0, 0),
      0,
      -1,
      -1001,
      Date.UTC(12345, 0, 1, 0, 0, 0, 7),
      1.5,
    ];
    for (const time of times) expect(isoTime(time)).toBe(new Date(time).toISOString());
  });

  it('agrees with toISOString over a run of consecutive milliseconds', () => {
    const start = Date.UTC(2026, 11, 7, 7, 59, 59, 0);
    for (let time = start; time < start + 3000; time += 7) expect(isoTime(time)).toBe(new Date(time).toISOString());
  });
});

import { describe, expect, it } from 'vitest';
import { serverSpanContext, upstreamTraceparent } from './trace-context.js';

describe('W3C trace context', () => {
  it("continues the caller's trace under a new span", () => {
    const context = serverSpanContext('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(context).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentSpanId: '00f067aa0ba902b7', flags: '01' });
    expect(context.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(context.spanId).not.toBe('00f067aa0ba902b7');
    expect(upstreamTraceparent(context, 'aaaaaaaaaaaaaaaa')).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-aaaaaaaaaaaaaaaa-01');
  });

  it('starts a new trace for a missing or malformed header, never refusing it', () => {
    for (const header of [null, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01']) {
      const context = serverSpanContext(header);
      expect(context.parentSpanId).toBeNull();
      expect(context.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(context.traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    }
  });
});

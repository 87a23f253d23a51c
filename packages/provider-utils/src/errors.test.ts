import { describe, expect, it } from 'vitest';
import { errorResponse, GatewayError, toGatewayError } from './errors.js';

describe('GatewayError', () => {
  it('answers as OpenAI-shaped JSON with the status, and keeps the upstream status', async () => {
    const response = errorResponse(new GatewayError('The upstream is overloaded.', { status: 529 }), { 'x-portkey-trace-id': 'trace-1' });
    expect(response.status).toBe(529);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-portkey-trace-id')).toBe('trace-1');
    expect(await response.json()).toEqual({ error: { message: 'The upstream is overloaded.', type: 'api_error', param: null, code: null } });
  });

  it('turns anything else thrown into a 500 that names no internals, keeping it as the cause', () => {
    const internal = new TypeError('cannot read properties of undefined (reading "choices")');
    const error = toGatewayError(internal);
    expect(error.status).toBe(500);
    expect(error.message).not.toContain('choices');
    expect(error.cause).toBe(internal);
  });

  // Capturing a stack walked the whole server stack on every error: about 40 µs each under load,
  // paid on every request of a fallback past an open circuit (see errors.ts).
  it('captures no stack trace, and leaves the stack trace limit as it was', () => {
    const limit = Error.stackTraceLimit;
    const error = new GatewayError('Target skipped: its circuit is open.', { status: 503, code: 'circuit_open' });
    expect(error.stack).not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('other').stack).toMatch(/\n\s+at /);
  });
});

import { GatewayError } from '@ai-gateway/provider-utils';
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { describe, expect, it } from 'vitest';
import { decodeLogCursor, encodeLogCursor } from './log-cursor.js';
import { logQueryFromSearch, recordMatches } from './log-query.js';

const parse = (search: string) => logQueryFromSearch(new URLSearchParams(search));

function rejection(search: string): { status: number; param: string | null; code: string | null; message: string } {
  try {
    parse(search);
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    const { status, param, code, message } = error as GatewayError;
    return { status, param, code, message };
  }
  throw new Error(`'${search}' was accepted`);
}

describe('logQueryFromSearch', () => {
  it('reads every filter', () => {
    const cursor = encodeLogCursor({ startedAt: 1_700_000_000_000, sequence: 12 });
    expect(parse(`status=error&provider=anthropic&model=claude-sonnet-4-5&trace_id=t-1&key_id=k-1&metadata.user=ana&metadata.team.name=a%26b&from=1700000000000&to=2025-01-01T00:00:00Z&q=Rate+limited&cursor=${cursor}&limit=200`)).toEqual({
      status: 'error',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      trace_id: 't-1',
      key_id: 'k-1',
      metadata: { user: 'ana', 'team.name': 'a&b' },
      from: 1_700_000_000_000,
      to: Date.UTC(2025, 0, 1),
      q: 'Rate limited',
      cursor,
      limit: 200,
    });
  });

  it('asks for 50 records when no limit is given, and treats blank values as not given', () => {
    expect(parse('')).toEqual({ limit: 50 });
    expect(parse('status=&provider=&q=&metadata.user=&limit=')).toEqual({ limit: 50 });
  });

  it('reads a status code, ok and error', () => {
    expect(parse('status=ok').status).toBe('ok');
    expect(parse('status=429').status).toBe(429);
    expect(rejection('status=failed')).toMatchObject({ status: 400, param: 'status', code: 'invalid_parameter' });
    expect(rejection('status=99').param).toBe('status');
    expect(rejection('status=600').param).toBe('status');
  });

  it('reads times as ISO 8601 (UTC when no offset is given) or milliseconds', () => {
    expect(parse('from=2025-03-01').from).toBe(Date.UTC(2025, 2, 1));
    expect(parse('from=2025-03-01T10:30').from).toBe(Date.UTC(2025, 2, 1, 10, 30));
    expect(parse('from=2025-03-01T10:30:15.250+02:00').from).toBe(Date.UTC(2025, 2, 1, 8, 30, 15, 250));
    expect(parse('from=2025-03-01T10:30:15.250%2B0200').from).toBe(Date.UTC(2025, 2, 1, 8, 30, 15, 250));
    expect(parse('to=0').to).toBe(0);
    expect(rejection('from=yesterday')).toMatchObject({ status: 400, param: 'from' });
    expect(rejection('to=March 1, 2025').param).toBe('to');
    expect(rejection('from=2025-13-01').param).toBe('from');
    expect(rejection('from=2025-03-02&to=2025-03-01')).toMatchObject({ param: 'to' });
  });

  it('takes a limit from 1 to 500', () => {
    expect(parse('limit=1').limit).toBe(1);
    expect(parse('limit=500').limit).toBe(500);
    for (const bad of ['0', '501', '-1', '2.5', 'ten', '1e2']) expect(rejection(`limit=${bad}`)).toMatchObject({ status: 400, param: 'limit' });
  });

  it('refuses unknown parameters, repeated ones, bad cursors and control characters in q', () => {
    expect(rejection('user=ana')).toMatchObject({ status: 400, param: 'user', code: 'unknown_parameter' });
    expect(rejection('provider=a&provider=b')).toMatchObject({ param: 'provider', code: 'duplicate_parameter' });
    expect(rejection('metadata.=x')).toMatchObject({ param: 'metadata.' });
    expect(rejection('cursor=not-a-cursor')).toMatchObject({ status: 400, param: 'cursor', code: 'invalid_cursor' });
    expect(rejection('q=a%1Fb')).toMatchObject({ param: 'q' });
  });
});

describe('log cursors', () => {
  it('give back the place they were made from, and refuse anything else', () => {
    for (const place of [{ startedAt: 0, sequence: 0 }, { startedAt: 1_735_689_600_123, sequence: 9_007_199_254_740_991 }, { startedAt: 1.5, sequence: 3 }]) {
      const cursor = encodeLogCursor(place);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeLogCursor(cursor)).toEqual(place);
    }
    for (const bad of ['', '!!!', btoa('12'), btoa('a_b'), btoa('1_2_3')]) expect(() => decodeLogCursor(bad)).toThrow(GatewayError);
  });
});

function record(overrides: Partial<RequestRecordV1>): RequestRecordV1 {
  return { trace_id: 't', started_at: 1000, path: '/v1/chat/completions', metadata: {}, provider: 'openai', model: 'gpt-4o', response_model: 'gpt-4o-2024-08-06', status: 200, error: null, key_id: null, ...overrides } as RequestRecordV1;
}

describe('recordMatches', () => {
  it('counts a 200 that ended with an error as an error, not ok', () => {
    const cut = record({ error: { message: 'stream cut', type: null, code: null } });
    expect(recordMatches(cut, { status: 'ok', limit: 1 })).toBe(false);
    expect(recordMatches(cut, { status: 'error', limit: 1 })).toBe(true);
    expect(recordMatches(cut, { status: 200, limit: 1 })).toBe(true);
    expect(recordMatches(record({ status: 400 }), { status: 'error', limit: 1 })).toBe(true);
    expect(recordMatches(record({ status: 399 }), { status: 'ok', limit: 1 })).toBe(true);
  });

  it('matches the requested or the answered model, and free text without regard to case', () => {
    expect(recordMatches(record({}), { model: 'gpt-4o-2024-08-06', limit: 1 })).toBe(true);
    expect(recordMatches(record({}), { model: 'gpt-4', limit: 1 })).toBe(false);
    expect(recordMatches(record({ metadata: { team: 'Search' } }), { q: 'SEAR', limit: 1 })).toBe(true);
    expect(recordMatches(record({ metadata: { Search: 'x' } }), { q: 'search', limit: 1 })).toBe(false);
  });

  it('needs every metadata pair, matching a non-text value by its JSON', () => {
    const tagged = record({ metadata: { user: 'ana', tier: 3 as unknown as string, beta: true as unknown as string } });
    expect(recordMatches(tagged, { metadata: { user: 'ana', tier: '3' }, limit: 1 })).toBe(true);
    expect(recordMatches(tagged, { metadata: { beta: 'true' }, limit: 1 })).toBe(true);
    expect(recordMatches(tagged, { metadata: { user: 'ana', tier: '4' }, limit: 1 })).toBe(false);
    expect(recordMatches(tagged, { metadata: { toString: 'x' }, limit: 1 })).toBe(false);
    const odd = record({ metadata: JSON.parse('{"__proto__":"x"}') });
    expect(recordMatches(odd, { ...logQueryFromSearch(new URLSearchParams('metadata.__proto__=x')) })).toBe(true);
    expect(recordMatches(odd, { ...logQueryFromSearch(new URLSearchParams('metadata.__proto__=y')) })).toBe(false);
  });
});

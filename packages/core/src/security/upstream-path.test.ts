import { describe, expect, it } from 'vitest';
import { GatewayError } from '@ai-gateway/provider-utils';
import { checkUpstreamPath } from './upstream-path.js';
import { thrownBy } from '../../test/thrown-by.js';

describe('checkUpstreamPath', () => {
  it.each([
    '', '/files/file-abc', '/files/file-abc/content', '/models/ft:gpt-4o:org::abc', '/models/meta-llama%2FLlama-3-70b',
    '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123%3Ainference-profile%2Fus.anthropic.claude/converse',
    '/models/gemini-2.5-flash:streamGenerateContent?alt=sse', '/a.b/..c/.d./...', '/files/my%20file', '/a/%252f',
  ])('accepts %j', (path) => {
    expect(checkUpstreamPath(path)).toBe(path);
  });

  it.each([
    ['/a/../../echo', 'dot-segment'], ['/a/./b', 'dot-segment'], ['/..', 'dot-segment'], ['/a/..', 'dot-segment'],
    ['/a/..%2f..%2fecho', 'dot-segment between encoded slashes'], ['/a/..%2F..%2Fecho', 'upper case'], ['/a/..%252f..%252fecho', 'double-encoded slash'],
    ['/a/%2e%2e/echo', 'encoded dots'], ['/a/%2E./echo', 'upper case'], ['/a/%252e%252e/echo', 'double-encoded dots'],
    ['/a/..%5c..%5cecho', 'encoded backslash'], ['/a/..%5C..%5Cecho', 'upper case'], ['/a\\..\\..\\echo', 'backslash'],
    ['/a/.\t./echo', 'tab'], ['/a/.%09./echo', 'encoded tab'], ['/a/\n', 'newline'], ['/a/%00', 'encoded NUL'], ['/a/%7f', 'encoded DEL'],
    ['/a#/..', 'fragment'], ['@evil.example/v1', 'no leading slash'], ['.evil.example', 'no leading slash'],
  ])('refuses %j (%s) with a 400 invalid_path', (path) => {
    const error = thrownBy(() => checkUpstreamPath(path, 'x-test'));
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', code: 'invalid_path', param: 'x-test' });
  });

  it('shows control characters escaped in its message', () => {
    expect(thrownBy(() => checkUpstreamPath('/a/.\t./b'))?.message).toContain("'/a/.\\t./b'");
  });
});

import { describe, expect, it } from 'vitest';
import type { GatewayError } from './errors.js';
import { encodePathSegment } from './path-segment.js';

function refusal(run: () => unknown): GatewayError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error as GatewayError;
  }
}

describe('encodePathSegment', () => {
  it('percent-encodes the value as one segment', () => {
    expect(encodePathSegment('a/b?c#d', 'model')).toBe('a%2Fb%3Fc%23d');
    expect(encodePathSegment('anthropic.claude-v2:1', 'model', (value) => value.replaceAll(':', '%3A'))).toBe('anthropic.claude-v2%3A1');
  });

  it('refuses a dot-segment, which no encoding changes', () => {
    expect(refusal(() => encodePathSegment('..', 'model'))).toMatchObject({ status: 400, param: 'model', code: 'invalid_model' });
    expect(refusal(() => encodePathSegment('.', 'deployment_id'))).toMatchObject({ status: 400, param: 'deployment_id' });
  });
});

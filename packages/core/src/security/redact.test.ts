import { describe, expect, it } from 'vitest';
import { redactFields, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('removes URL userinfo, query values and bearer tokens, keeping what tells the reader where', () => {
    expect(redactSecrets('openai|http://admin:SECRET@10.0.0.5:8080/v1?api-key=SECRET2&region=x|gpt-4o||1a2b')).toBe('openai|http://***@10.0.0.5:8080/v1?api-key=***&region=***|gpt-4o||1a2b');
    expect(redactSecrets('sent Authorization: Bearer sk-live-123, then failed')).toBe('sent Authorization: Bearer ***, then failed');
    expect(redactSecrets('https://api.openai.com/v1/chat/completions')).toBe('https://api.openai.com/v1/chat/completions');
  });

  it('redacts strings at any depth of a log line', () => {
    expect(redactFields({ target: 'http://u:p@h/v1', nested: [{ url: 'https://h/?key=k' }], count: 3 })).toEqual({ target: 'http://***@h/v1', nested: [{ url: 'https://h/?key=***' }], count: 3 });
  });
});

import { describe, expect, it } from 'vitest';
import { checkCustomHost, createCustomHostCheck } from './custom-host.js';

describe('checkCustomHost', () => {
  it('allows loopback and private hosts by default, for local models', () => {
    expect(checkCustomHost('http://127.0.0.1:11434/v1/')).toBe('http://127.0.0.1:11434/v1');
    expect(checkCustomHost('http://10.0.0.5:8000/v1')).toBe('http://10.0.0.5:8000/v1');
    expect(checkCustomHost('https://api.example.com/v1')).toBe('https://api.example.com/v1');
  });

  it.each([
    'http://169.254.169.254/latest/meta-data',
    'http://0xa9fea9fe/',
    'http://[fe80::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://metadata.google.internal/computeMetadata/v1',
  ])('refuses the link-local or metadata address %s', (host) => {
    expect(() => checkCustomHost(host)).toThrow(/link-local/);
  });

  it.each(['file:///etc/passwd', 'gopher://127.0.0.1/', 'ftp://example.com'])('refuses the scheme of %s', (host) => {
    expect(() => checkCustomHost(host)).toThrow(/scheme/);
  });

  it('limits hosts to the allowlist when one is set', () => {
    expect(checkCustomHost('http://ollama.internal:11434/v1', { allowlist: ['ollama.internal'] })).toBe('http://ollama.internal:11434/v1');
    expect(() => checkCustomHost('http://127.0.0.1:11434/v1', { allowlist: ['ollama.internal'] })).toThrow(/allowlist/);
  });

  it('answers the same when it remembers a host, and refuses a bad host every time', () => {
    const check = createCustomHostCheck({ allowlist: ['ollama.internal'] });
    expect(check('http://ollama.internal:11434/v1/')).toBe('http://ollama.internal:11434/v1');
    expect(check('http://ollama.internal:11434/v1/')).toBe('http://ollama.internal:11434/v1');
    expect(() => check('http://127.0.0.1:11434/v1')).toThrow(/allowlist/);
    expect(() => check('http://127.0.0.1:11434/v1')).toThrow(/allowlist/);
    expect(() => check('http://169.254.169.254/latest')).toThrow(/link-local/);
  });
});

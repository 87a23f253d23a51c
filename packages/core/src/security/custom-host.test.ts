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
    'https://169.254.169.254/',
    'http://user:secret@169.254.169.254:80/',
    'http://169.254.0.1/',
    'http://169.254.255.255/',
    'http://0xa9fea9fe/',
    'http://2852039166/',
    'http://0251.0376.0251.0376/',
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://169.254.43518/',
    'http://169.16689662/',
    'http://169.254.169.254./',
    'http://[fe80::1]/',
    'http://[FE80::1]/',
    'http://[fe80::a9fe:a9fe]/',
    'http://[fe90::1]/',
    'http://[febf:ffff::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[0:0:0:0:0:ffff:a9fe:a9fe]/',
    'http://[0000:0000:0000:0000:0000:ffff:169.254.169.254]/',
    'http://metadata.google.internal/computeMetadata/v1',
    'http://METADATA.GOOGLE.INTERNAL/',
    'http://metadata/',
    'http://instance-data/',
    'http://instance-data.ec2.internal/',
  ])('refuses the link-local or metadata address %s', (host) => {
    expect(() => checkCustomHost(host)).toThrow(/link-local/);
  });

  it.each([
    'http://[fd00:ec2::254]/latest/meta-data', // AWS metadata over IPv6
    'http://100.100.100.200/latest/meta-data', // Alibaba Cloud metadata
    'http://metadata.google.internal./computeMetadata/v1', // a trailing dot names the same host
    'http://metadata.google.internal../',
    'http://instance-data./',
    'http://[::a9fe:a9fe]/', // IPv4-compatible
    'http://[::169.254.169.254]/',
    'http://[64:ff9b::a9fe:a9fe]/', // NAT64
    'http://[64:ff9b:1::a9fe:a9fe]/', // local-use NAT64
    'http://[::ffff:0:a9fe:a9fe]/', // IPv4-translated
    'http://[::ffff:100.100.100.200]/',
  ])('refuses %s, the same places spelled another way', (host) => {
    expect(() => checkCustomHost(host)).toThrow(expect.objectContaining({ status: 400, code: 'invalid_custom_host', message: expect.stringMatching(/link-local/) }));
  });

  it.each(['http://[::1]:11434/v1', 'http://[fd00::1]/v1', 'http://[64:ff9b::7f00:1]/v1', 'http://169.254.example.com/v1', 'http://100.100.100.201/v1'])(
    'still allows %s, which is not link-local',
    (host) => {
      expect(checkCustomHost(host)).toBe(host);
    },
  );

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

import { describe, expect, it } from 'vitest';
import { runCheck, textContext } from '../../test/text-context.js';
import { isWellFormedUrl, urlsIn, validUrls } from './valid-urls.js';

describe('default.validUrls', () => {
  it('passes when every URL is well formed', async () => {
    const result = await runCheck(validUrls, 'Check out https://example.com and https://google.com/search?q=a#top', {});
    expect(result).toEqual({ verdict: true, data: { not: false, validationMethod: 'syntax', urlCount: 2, invalidCount: 0, invalidUrls: [] } });
  });

  it('fails on a malformed URL and names it', async () => {
    const text = 'Valid: https://example.com Invalid: https://malformed.123 and http://-bad-.com/path';
    expect(await runCheck(validUrls, text, {})).toMatchObject({ verdict: false, data: { urlCount: 3, invalidCount: 2, invalidUrls: ['https://malformed.123', 'http://-bad-.com/path'] } });
  });

  it('passes a text without URLs (nothing malformed), empty text included', async () => {
    expect(await runCheck(validUrls, 'This text contains no URLs', {})).toMatchObject({ verdict: true, data: { urlCount: 0 } });
    expect((await runCheck(validUrls, '', {})).verdict).toBe(true);
  });

  it('`not: true` passes only when some URL is malformed', async () => {
    expect((await runCheck(validUrls, 'see https://malformed.123', { not: true })).verdict).toBe(true);
    expect((await runCheck(validUrls, 'see https://example.com', { not: true })).verdict).toBe(false);
  });

  it('makes no network call, with onlyDNS or without', async () => {
    let calls = 0;
    const fetch = () => {
      calls++;
      return Promise.reject(new Error('no calls'));
    };
    for (const onlyDNS of [true, false]) {
      const result = await validUrls.run(textContext('https://invalid-domain-123456.com', { fetch }), { onlyDNS });
      expect(result.verdict).toBe(true);
    }
    expect(calls).toBe(0);
  });

  it('leaves out the punctuation around a URL in prose and markdown', () => {
    expect(urlsIn('See https://example.com. Or (https://example.org/a_(b)), [docs](https://example.net/x) and **https://example.io**!')).toEqual([
      'https://example.com',
      'https://example.org/a_(b)',
      'https://example.net/x',
      'https://example.io',
    ]);
    expect(urlsIn('HTTPS://EXAMPLE.COM/Path, "http://a.example/b"')).toEqual(['HTTPS://EXAMPLE.COM/Path', 'http://a.example/b']);
  });

  it('reads hosts: names with a top-level domain, IP addresses, international names', () => {
    for (const url of ['https://example.com', 'https://sub.example.co.uk:8443/a?b=c', 'http://1.2.3.4/', 'https://[::1]:8080/x', 'https://例え.jp/パス', 'https://xn--r8jz45g.jp', 'https://example.com./', 'https://user:pw@example.com']) {
      expect([url, isWellFormedUrl(url)]).toEqual([url, true]);
    }
    for (const url of ['https://malformed.123', 'http://123', 'http://999.1.1.1', 'https://-bad-.com', 'https://a..b.com', 'https://ex_ample.com', 'https://example.c', 'https://example.com:99999', 'http://localhost:3000']) {
      expect([url, isWellFormedUrl(url)]).toEqual([url, false]);
    }
  });

  it('reads a long run of brackets once', () => {
    const started = performance.now();
    expect(urlsIn(`https://example.com/${')'.repeat(200_000)}`)).toEqual(['https://example.com/']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('validates: onlyDNS and not are true or false, nothing else', () => {
    expect(validUrls.validate!({})).toBeUndefined();
    expect(validUrls.validate!({ onlyDNS: true, not: false })).toBeUndefined();
    expect(validUrls.validate!({ onlyDNS: 'yes' })).toMatch(/'onlyDNS' must be true or false/);
    expect(validUrls.validate!({ timeout: 3000 })).toMatch(/unknown parameter 'timeout'/);
  });
});

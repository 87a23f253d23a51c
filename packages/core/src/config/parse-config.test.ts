import { describe, expect, it } from 'vitest';
import { parseConfigHeader } from './parse-config.js';
import { errorOf } from '../../test/thrown-by.js';

describe('parseConfigHeader', () => {
  it('accepts a Portkey config with nested targets and provider-specific fields', () => {
    const config = parseConfigHeader(JSON.stringify({
      strategy: { mode: 'fallback', on_status_codes: [429, 500] },
      retry: { attempts: 3 },
      targets: [
        { provider: 'openai', api_key: 'sk-1', override_params: { model: 'gpt-4o' } },
        { strategy: { mode: 'loadbalance' }, targets: [{ provider: 'bedrock', aws_region: 'us-east-1', weight: 0.7 }, { provider: 'groq', weight: 0.3 }] },
      ],
    }));
    expect(config.targets?.[1].targets?.[0].aws_region).toBe('us-east-1');
    expect(config.strategy?.on_status_codes).toEqual([429, 500]);
  });

  it.each([
    [{ retry: { attempts: 9 } }, 'retry.attempts'],
    [{ targets: [{ provider: 'openai' }, { provider: 'openai', weight: -1 }] }, 'targets[1].weight'],
    [{ targets: [{ targets: [{ request_timeout: 'soon' }] }] }, 'targets[0].targets[0].request_timeout'],
    [{ strategy: { mode: 'fallback', on_status_codes: [999] } }, 'strategy.on_status_codes[0]'],
    [{ strategy: { mode: 'conditional', conditions: [{ query: {} }] } }, 'strategy.conditions[0].then'],
  ])('names the offending field of %j', (config, field) => {
    const error = errorOf(() => parseConfigHeader(JSON.stringify(config)));
    expect(error.status).toBe(400);
    expect(error.param).toBe(field);
    expect(error.message).toContain(`'${field}'`);
  });

  it.each([
    [{ hooks: [] }, 'hooks'],
  ])('refuses %j, which asks for what is not built, naming the field', (config, field) => {
    const error = errorOf(() => parseConfigHeader(JSON.stringify(config)));
    expect(error.status).toBe(400);
    expect(error.code).toBe('unsupported_config');
    expect(error.param).toBe(field);
    expect(error.message).toMatch(/does not support yet/);
  });

  it('rejects JSON that is not an object', () => {
    expect(errorOf(() => parseConfigHeader('[1, 2]')).message).toMatch(/expected a JSON object/);
  });
});

describe('parseConfigHeader cache', () => {
  it('returns the same validated config for the same header, and still rejects bad ones every time', () => {
    const header = JSON.stringify({ provider: 'openai', retry: { attempts: 2 } });
    expect(parseConfigHeader(header)).toBe(parseConfigHeader(header));
    const bad = JSON.stringify({ retry: { attempts: 99 } });
    expect(() => parseConfigHeader(bad)).toThrow(/retry\.attempts/);
    expect(() => parseConfigHeader(bad)).toThrow(/retry\.attempts/);
  });
});

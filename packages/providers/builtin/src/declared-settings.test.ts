/**
 * Every built-in provider declares every setting it reads: core refuses an undeclared one with a
 * 400, so a setting read but not declared could never be set. Each provider's hooks run against a
 * target whose settings record which names are read, with no value and with a value for each.
 */
import { readFileSync } from 'node:fs';
import type { Endpoint, JsonObject, ProviderCall, ProviderV1, TargetOptions } from '@ai-gateway/spec';
import { withFields } from '@ai-gateway/provider-utils';
import { describe, expect, it } from 'vitest';
import { builtinProviders } from './index.js';
import { providerSettingsTable, withProviderSettingsTable } from './settings-table.js';

const bodies: Partial<Record<Endpoint, JsonObject[]>> = {
  chatComplete: [
    { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] },
    { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }], stream: true },
  ],
  complete: [{ model: 'm', prompt: 'hi' }],
  embed: [{ model: 'm', input: ['hi'] }],
  imageGenerate: [{ model: 'core', prompt: 'a lighthouse' }],
};

/** Runs every hook the provider has for a call with these settings; failures (missing credentials) are expected. */
async function exercise(provider: ProviderV1, settings: Record<string, unknown>): Promise<void> {
  for (const [endpoint, adapter] of Object.entries(provider.endpoints) as [Endpoint, NonNullable<ProviderV1['endpoints'][Endpoint]>][]) {
    for (const body of bodies[endpoint] ?? [null]) {
      const target: TargetOptions = { provider: provider.id, apiKey: 'key', settings };
      const call: ProviderCall = {
        endpoint, target, body, stream: body?.stream === true, path: '/anything', search: '', headers: new Headers(),
        fetch: () => Promise.reject(new Error('no network in this test')),
      };
      const attempt = async (hook: () => unknown) => {
        try {
          await hook();
        } catch {
          // A missing or odd setting answers 400 here: what was read before is what counts.
        }
      };
      await attempt(() => provider.baseUrl(target));
      await attempt(() => (typeof adapter.path === 'function' ? adapter.path(call) : adapter.path));
      if (body && adapter.transformRequest) await attempt(() => adapter.transformRequest!(body, call));
      await attempt(() => provider.headers(withFields(call, { url: 'https://upstream.example/v1/x', method: 'POST', upstreamBody: '{}' })));
    }
  }
}

/** A settings record that notes every name read, answering `value` for each. */
function recordingSettings(reads: Set<string>, value: unknown): Record<string, unknown> {
  return new Proxy({}, {
    get: (_target, name) => {
      if (typeof name === 'string') reads.add(name);
      return value;
    },
    has: (_target, name) => {
      if (typeof name === 'string') reads.add(name);
      return value !== undefined;
    },
  });
}

describe('built-in provider settings', () => {
  it.each(builtinProviders.map((provider) => [provider.id, provider] as const))('%s declares every setting it reads', async (_id, provider) => {
    expect(provider.settings).toBeDefined();
    const reads = new Set<string>();
    for (const value of [undefined, 'x', 'us-east-1']) await exercise(provider, recordingSettings(reads, value));
    const declared = new Set(provider.settings!.map((setting) => setting.name));
    expect([...reads].filter((name) => !declared.has(name))).toEqual([]);
  });

  it('reads the settings it declares (the check above reaches them)', async () => {
    const reads = new Set<string>();
    const bedrock = builtinProviders.find((provider) => provider.id === 'bedrock')!;
    for (const value of [undefined, 'x']) await exercise(bedrock, recordingSettings(reads, value));
    expect([...reads].sort()).toEqual(['aws_access_key_id', 'aws_region', 'aws_secret_access_key', 'aws_session_token']);
  });
});

describe('the docs/providers.md settings table', () => {
  const document = readFileSync(new URL('../../../../docs/providers.md', import.meta.url), 'utf8');

  it('lists every declared setting (run `pnpm --filter @ai-gateway/providers run table` if this fails)', () => {
    expect(withProviderSettingsTable(document, builtinProviders)).toBe(document);
  });

  it('names the header of each setting and the providers without any', () => {
    const table = providerSettingsTable(builtinProviders);
    expect(table).toContain('| `bedrock` | `aws_region` | `x-portkey-aws-region` | string |');
    expect(table).toContain('| `vertex-ai` | `vertex_region` | `x-portkey-vertex-region` | string, required |');
    expect(table).toMatch(/No settings .*`google`, `cohere`, `groq`/);
  });
});

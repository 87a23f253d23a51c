import type { Endpoint, EndpointAdapterV1, ProviderSettingV1, ProviderV1, UpstreamRequestDraft } from '@ai-gateway/spec';
import { stringSetting } from '@ai-gateway/provider-utils';

/**
 * A vendor whose API speaks OpenAI's wire format. Presets are data: adding a vendor is adding
 * one entry, not copying code.
 */
export interface OpenAICompatiblePreset {
  id: string;
  name: string;
  /** Base URL up to and including the version segment, as a custom host would replace it. */
  baseUrl: string;
  /** Which OpenAI operations the vendor serves. `proxy` passes any other `/v1/*` path through. */
  endpoints: readonly Endpoint[];
  /** How the key travels; default `Authorization: Bearer <key>`. */
  auth?: { header: string; prefix?: string };
  /**
   * Settings (config fields or `x-portkey-*` headers) sent upstream as headers, e.g.
   * `openai_organization` as `openai-organization`. Each is declared as a string setting.
   */
  settingHeaders?: Readonly<Record<string, string>>;
  /**
   * Any other setting the preset's `adapters` read from `target.settings`. The provider declares
   * these and its `settingHeaders`, and nothing else: core refuses any other config field or
   * `x-portkey-*` header meant for it with a 400.
   */
  settings?: readonly ProviderSettingV1[];
  /** Endpoints whose wire format differs from OpenAI's even though the rest matches. */
  adapters?: Partial<Record<Endpoint, EndpointAdapterV1>>;
  /** Link to the vendor's API reference, shown in the provider table. */
  documentation?: string;
}

/** The OpenAI path of each operation, below the version segment. */
export const openAIPaths: Partial<Record<Endpoint, string>> = {
  chatComplete: '/chat/completions',
  complete: '/completions',
  embed: '/embeddings',
  imageGenerate: '/images/generations',
  createSpeech: '/audio/speech',
  createTranscription: '/audio/transcriptions',
  createTranslation: '/audio/translations',
  listModels: '/models',
  responses: '/responses',
};

function passthroughAdapter(endpoint: Endpoint): EndpointAdapterV1 {
  if (endpoint === 'proxy') return { path: (call) => call.path };
  return { path: openAIPaths[endpoint] ?? endpoint };
}

/**
 * Builds a provider for an OpenAI-compatible API. Bodies and responses pass through as bytes:
 * unknown fields reach the vendor untouched, so new OpenAI parameters work on day one.
 *
 * @example
 * ```ts
 * const local = createOpenAICompatibleProvider({
 *   id: 'vllm', name: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1', endpoints: ['chatComplete', 'proxy'],
 * });
 * ```
 */
export function createOpenAICompatibleProvider(preset: OpenAICompatiblePreset): ProviderV1 {
  const endpoints: Partial<Record<Endpoint, EndpointAdapterV1>> = {};
  for (const endpoint of preset.endpoints) endpoints[endpoint] = preset.adapters?.[endpoint] ?? passthroughAdapter(endpoint);
  const authHeader = preset.auth?.header.toLowerCase() ?? 'authorization';
  const authPrefix = preset.auth ? (preset.auth.prefix ?? '') : 'Bearer ';
  const settingHeaders = Object.entries(preset.settingHeaders ?? {});
  const settings: ProviderSettingV1[] = [
    ...settingHeaders.map(([name, header]) => ({ name, type: 'string' as const, description: `sent to ${preset.name} as the ${header} header` })),
    ...(preset.settings ?? []),
  ];

  return {
    specificationVersion: 'v1',
    id: preset.id,
    name: preset.name,
    baseUrl: () => preset.baseUrl,
    settings,
    headers({ target }: UpstreamRequestDraft) {
      const headers: Record<string, string> = {};
      // Local servers (ollama, lm-studio) need no key: send none rather than an empty one.
      if (target.apiKey) headers[authHeader] = authPrefix + target.apiKey;
      for (const [setting, header] of settingHeaders) {
        const value = stringSetting(target, setting);
        if (value !== undefined) headers[header] = value;
      }
      return headers;
    },
    endpoints,
  };
}

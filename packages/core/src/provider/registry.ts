import { invalidRequest } from '@ai-gateway/provider-utils';
import type { ProviderV1 } from '@ai-gateway/spec';

export interface ProviderRegistry {
  get(id: string): ProviderV1;
  has(id: string): boolean;
  list(): ProviderV1[];
}

/** Indexes providers by id; a duplicate id is a programming error, so it throws at start-up. */
export function createProviderRegistry(providers: readonly ProviderV1[]): ProviderRegistry {
  const byId = new Map<string, ProviderV1>();
  for (const provider of providers) {
    if (provider.specificationVersion !== 'v1') {
      throw new Error(`[ai-gateway] provider '${provider.id}' uses unsupported specification '${provider.specificationVersion}'`);
    }
    if (byId.has(provider.id)) throw new Error(`[ai-gateway] provider '${provider.id}' is registered twice`);
    byId.set(provider.id, provider);
  }
  return {
    get(id) {
      const provider = byId.get(id);
      if (!provider) {
        throw invalidRequest(`Unknown provider '${id}'. Supported providers: ${[...byId.keys()].sort().join(', ')}.`, 'provider', 'unknown_provider');
      }
      return provider;
    },
    has: (id) => byId.has(id),
    list: () => [...byId.values()],
  };
}

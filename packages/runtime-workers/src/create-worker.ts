import { createGateway, withFields, type GatewayOptions } from '@ai-gateway/core';
import { builtinProviders } from '@ai-gateway/providers';

/** A Workers module (`export default createWorker()`); workerd's fetch pools connections itself. */
export function createWorker(options: Partial<GatewayOptions> = {}) {
  const app = createGateway(withFields(options, { providers: options.providers ?? builtinProviders }));
  return { fetch: app.fetch };
}

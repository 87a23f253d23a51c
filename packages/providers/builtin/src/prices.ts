/**
 * What a request cost, from a maintained price dataset (@pydantic/genai-prices), for the gateway's
 * request log: hand `createPriceLookup()` to the runtime. The dataset is large, so it has an entry
 * of its own (`@ai-gateway/providers/prices`): the package's main entry does not import it.
 */
export { createPriceLookup, type PriceLookupOptions } from './prices/price-lookup.js';

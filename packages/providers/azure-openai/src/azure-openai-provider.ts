/**
 * Azure OpenAI: OpenAI's wire format behind Azure's URLs and auth. Bodies and answers pass through
 * as bytes (no transformRequest/transformResponse), so unknown fields reach Azure untouched. Chat
 * streams pass too, except Azure's prompt-filter chunk, which is relabelled (see azure-stream.ts).
 * API reference: https://learn.microsoft.com/azure/ai-foundry/openai/reference
 */
import type { EndpointAdapterV1, ProviderErrorDetails, ProviderV1 } from '@ai-gateway/spec';
import { withFields } from '@ai-gateway/provider-utils';
import { deploymentOperationPaths, deploymentPath, resourcePath } from './azure-paths.js';
import { azureOpenAISettings, readAzureSettings, requireResourceName } from './azure-settings.js';
import { createAzureChatStream } from './azure-stream.js';

function deploymentAdapters(): Record<string, EndpointAdapterV1> {
  const adapters: Record<string, EndpointAdapterV1> = {};
  for (const [endpoint, path] of Object.entries(deploymentOperationPaths)) adapters[endpoint] = { path: deploymentPath(path!) };
  adapters.chatComplete.transformStream = createAzureChatStream;
  return adapters;
}

/**
 * Azure answers OpenAI-shaped errors, but with `code` as a string of digits at times and, from
 * its API Management front door, as `{ statusCode, message }`. Both become OpenAI errors.
 */
function transformAzureError(status: number, body: unknown): ProviderErrorDetails | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: Record<string, unknown> }).error;
  if (typeof error === 'object' && error !== null && typeof error.message === 'string') {
    return {
      message: error.message,
      type: typeof error.type === 'string' ? error.type : undefined,
      code: error.code === undefined || error.code === null ? null : String(error.code),
      param: typeof error.param === 'string' ? error.param : null,
    };
  }
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return { message, code: String((body as { statusCode?: unknown }).statusCode ?? status) };
  return undefined;
}

/**
 * The `azure-openai` provider.
 *
 * @example
 * ```ts
 * // x-portkey-provider: azure-openai
 * // x-portkey-azure-resource-name: my-resource
 * // x-portkey-azure-deployment-id: gpt-4o-prod
 * // x-portkey-azure-api-version: 2024-10-21      (or "v1" for /openai/v1/..., the deployment in `model`)
 * // Authorization: Bearer <azure api key>          (sent as `api-key`)
 * // x-portkey-azure-ad-token: <entra token>        (sent as `Authorization: Bearer`, instead of the key)
 * ```
 */
export const azureOpenAIProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'azure-openai',
  name: 'Azure OpenAI',
  settings: azureOpenAISettings,
  baseUrl(target) {
    return `https://${requireResourceName(readAzureSettings(target))}.openai.azure.com/openai`;
  },
  headers({ target }): Record<string, string> {
    const settings = readAzureSettings(target);
    // An Entra token is the stronger credential and the one Azure checks first; never send both.
    if (settings.entraToken) return { authorization: `Bearer ${settings.entraToken}` };
    return target.apiKey ? { 'api-key': target.apiKey } : {};
  },
  transformError: (status, body) => transformAzureError(status, body),
  endpoints: withFields(deploymentAdapters(), {
    listModels: { path: resourcePath('/models') },
    // The Responses API is resource-level: `/openai/v1/responses`, or `/openai/responses?api-version=…` on dated previews.
    responses: { path: resourcePath('/responses') },
    proxy: { path: resourcePath((call) => call.path) },
  }),
};

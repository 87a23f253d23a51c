/**
 * Azure OpenAI paths below `https://{resource}.openai.azure.com/openai`.
 *
 * Two API shapes exist (https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle):
 * - dated versions: `/deployments/{deployment}/chat/completions?api-version=2024-10-21`;
 * - the v1 API (GA since August 2025): `/v1/chat/completions` with no `api-version`, the deployment
 *   named in the body's `model`, exactly like OpenAI's own API.
 */
import type { Endpoint, ProviderCall } from '@ai-gateway/spec';
import { openAIPaths } from '@ai-gateway/provider-openai-compatible';
import { readAzureSettings, requireDeploymentId, v1ApiVersion } from './azure-settings.js';

/** The OpenAI path of each operation a deployment serves: OpenAI's own, model listing and responses aside. */
export const deploymentOperationPaths: Partial<Record<Endpoint, string>> = Object.fromEntries(
  Object.entries(openAIPaths).filter(([endpoint]) => endpoint !== 'listModels' && endpoint !== 'responses'),
);

function withApiVersion(path: string, apiVersion: string, clientSearch: string): string {
  // A client that already chose a version in its own query string keeps it.
  if (/[?&]api-version=/.test(clientSearch)) return path;
  return `${path}?api-version=${encodeURIComponent(apiVersion)}`;
}

/** Path of one of the deployment operations (`chatComplete`, `embed`, ...). */
export function deploymentPath(operationPath: string) {
  return (call: ProviderCall): string => {
    const settings = readAzureSettings(call.target);
    if (settings.apiVersion === v1ApiVersion) return `/v1${operationPath}`;
    const deployment = encodeURIComponent(requireDeploymentId(settings));
    return withApiVersion(`/deployments/${deployment}${operationPath}`, settings.apiVersion, call.search);
  };
}

/** Resource-level paths (`/models`, and every other `/v1/*` path the gateway passes through). */
export function resourcePath(path: string | ((call: ProviderCall) => string)) {
  return (call: ProviderCall): string => {
    const settings = readAzureSettings(call.target);
    const below = typeof path === 'function' ? path(call) : path;
    if (settings.apiVersion === v1ApiVersion) return `/v1${below}`;
    return withApiVersion(below, settings.apiVersion, call.search);
  };
}

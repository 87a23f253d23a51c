/**
 * Where an Azure OpenAI call goes and how it authenticates, read from a target's settings.
 *
 * Portkey spells each setting twice: as a config field (`resource_name`) and as a header
 * (`x-portkey-azure-resource-name`, which core turns into `azure_resource_name`). Both work here;
 * the config field wins because it belongs to one target while a header applies to all of them.
 */
import type { ProviderSettingV1, TargetOptions } from '@ai-gateway/spec';
import { invalidRequest, stringSetting } from '@ai-gateway/provider-utils';

/** The `api_version` value that selects Azure's v1 API (`/openai/v1/...`, no `api-version` query). */
export const v1ApiVersion = 'v1';

/**
 * Used when a call names no api version. The latest GA data-plane inference version:
 * https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle
 */
export const defaultApiVersion = '2024-10-21';

/**
 * Every setting this provider reads, in both of Portkey's spellings. None is required on every
 * call: a custom host replaces the resource, and the v1 API names the deployment in `model`.
 */
export const azureOpenAISettings: readonly ProviderSettingV1[] = [
  { name: 'resource_name', type: 'string', description: 'the Azure OpenAI resource, the host name {resource_name}.openai.azure.com' },
  { name: 'azure_resource_name', type: 'string', description: 'resource_name, as the x-portkey-azure-resource-name header spells it' },
  { name: 'deployment_id', type: 'string', description: 'the deployment to call; not needed with api_version v1' },
  { name: 'azure_deployment_id', type: 'string', description: 'deployment_id, as the x-portkey-azure-deployment-id header spells it' },
  { name: 'api_version', type: 'string', description: `the api-version, or v1 for the v1 API; default ${defaultApiVersion}` },
  { name: 'azure_api_version', type: 'string', description: 'api_version, as the x-portkey-azure-api-version header spells it' },
  { name: 'azure_ad_token', type: 'string', description: 'a Microsoft Entra ID access token, sent as Authorization: Bearer instead of the api-key' },
];

export interface AzureSettings {
  resourceName?: string;
  deploymentId?: string;
  apiVersion: string;
  /** A Microsoft Entra ID access token, sent as `Authorization: Bearer` instead of `api-key`. */
  entraToken?: string;
}

/**
 * Azure's API versions: `v1` (the v1 API), `preview` and `latest` (its query values), or a date,
 * optionally a preview (`2024-10-21`, `2025-04-01-preview`). It goes into the query string;
 * anything else is a mistake or an attempt to add parameters.
 */
const apiVersionPattern = /^(?:v1|preview|latest|\d{4}-\d{2}-\d{2}(?:-preview)?)$/;

function checkedApiVersion(apiVersion: string | undefined): string {
  if (apiVersion === undefined) return defaultApiVersion;
  if (!apiVersionPattern.test(apiVersion)) {
    throw invalidRequest(
      `Invalid Azure API version '${apiVersion.slice(0, 40)}' in the x-portkey-azure-api-version header (config field \`api_version\`): expected v1, preview, latest or a date such as ${defaultApiVersion} (optionally with -preview).`,
      'api_version',
      'invalid_azure_api_version',
    );
  }
  return apiVersion;
}

/** The target's Azure settings; a malformed API version answers 400 here, the others when they are used. */
export function readAzureSettings(target: TargetOptions): AzureSettings {
  const entraToken = stringSetting(target, 'azure_ad_token');
  return {
    resourceName: stringSetting(target, 'resource_name', 'azure_resource_name'),
    deploymentId: stringSetting(target, 'deployment_id', 'azure_deployment_id'),
    apiVersion: checkedApiVersion(stringSetting(target, 'api_version', 'azure_api_version')),
    // Portkey's examples pass the token with or without its scheme; send it once either way.
    entraToken: entraToken?.replace(/^Bearer\s+/i, ''),
  };
}

// Azure resource names are letters, digits and hyphens; anything else would let a setting steer
// the request (and its key) to another host.
const resourceNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/;

/** The resource's host, or a 400 naming the header and config field to set. */
export function requireResourceName(settings: AzureSettings): string {
  if (!settings.resourceName) {
    throw invalidRequest(
      'azure-openai needs the Azure resource name: set the x-portkey-azure-resource-name header or `resource_name` in the config target (or a custom host).',
      'resource_name',
      'missing_azure_resource_name',
    );
  }
  if (!resourceNamePattern.test(settings.resourceName)) {
    throw invalidRequest(
      `Invalid Azure resource name '${settings.resourceName.slice(0, 40)}' in the x-portkey-azure-resource-name header (config field \`resource_name\`): expected letters, digits and hyphens.`,
      'resource_name',
      'invalid_azure_resource_name',
    );
  }
  return settings.resourceName;
}

// Deployment names are letters, digits, `_`, `-` and `.`, up to 64; not starting with a dot, so
// never a `.` or `..` path segment. The name is percent-encoded in the path as well.
const deploymentIdPattern = /^[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,63}$/;

/** The deployment for `/deployments/{id}/...` paths, or a 400 naming the header and config field. */
export function requireDeploymentId(settings: AzureSettings): string {
  if (!settings.deploymentId) {
    throw invalidRequest(
      'azure-openai needs the deployment: set the x-portkey-azure-deployment-id header or `deployment_id` in the config target (or `api_version: "v1"` to name the deployment in `model`).',
      'deployment_id',
      'missing_azure_deployment_id',
    );
  }
  if (!deploymentIdPattern.test(settings.deploymentId)) {
    throw invalidRequest(
      `Invalid Azure deployment '${settings.deploymentId.slice(0, 40)}' in the x-portkey-azure-deployment-id header (config field \`deployment_id\`): expected letters, digits, '_', '-' and '.'.`,
      'deployment_id',
      'invalid_azure_deployment_id',
    );
  }
  return settings.deploymentId;
}

/**
 * The Vertex AI settings of a target, under Portkey's names: config fields `vertex_project_id`,
 * `vertex_region`, `vertex_service_account_json`, or the headers `x-portkey-vertex-project-id`,
 * `x-portkey-vertex-region`, `x-portkey-vertex-service-account-json`. Anything missing or
 * malformed answers a 400 naming both the header and the config field.
 */
import type { ProviderSettingV1, TargetOptions } from '@ai-gateway/spec';
import { invalidRequest, stringSetting } from '@ai-gateway/provider-utils';
import { parseServiceAccount, type ServiceAccount } from './service-account.js';

/** Every setting this provider reads. The region is in every call's path, so core requires it. */
export const vertexSettings: readonly ProviderSettingV1[] = [
  { name: 'vertex_region', type: 'string', required: true, description: 'the region, e.g. us-central1, or global' },
  { name: 'vertex_project_id', type: 'string', description: "the Google Cloud project; default: the service account's project_id" },
  { name: 'vertex_service_account_json', type: 'json', description: 'a service account key (the JSON key file), exchanged for access tokens; without it the request key is the access token' },
  { name: 'anthropic_beta', type: 'string', description: 'comma-separated Anthropic beta names, sent in the body of Claude requests' },
];

function describe(setting: string): string {
  return `x-portkey-${setting.replaceAll('_', '-')} header (config field \`${setting}\`)`;
}

/**
 * Region names go into the host name and the path: `global`, or a location such as us-central1,
 * europe-west12, northamerica-northeast1 or me-central2 (words, a dash, words, a number).
 */
const regionPattern = /^(?:global|[a-z]+-[a-z]+\d{1,2})$/;
/**
 * Project ids start with a letter and hold lowercase letters, digits and dashes (6 to 30 of them;
 * not enforced, older projects vary); legacy domain-scoped ones add `example.com:`. A dot is only
 * allowed in that domain, so a project is never a `.` or `..` path segment.
 */
const projectPattern = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?:)?[a-z][a-z0-9-]*$/;

/** The service account from the target's settings, or undefined when none was given. */
export function serviceAccountSetting(target: TargetOptions): ServiceAccount | undefined {
  const value = target.settings.vertex_service_account_json;
  if (value === undefined || value === null || value === '') return undefined;
  return parseServiceAccount(value, describe('vertex_service_account_json'));
}

/** The region: letters, digits and dashes only, since it becomes part of the host name. */
export function vertexRegion(target: TargetOptions): string {
  const region = stringSetting(target, 'vertex_region');
  if (!region) throw invalidRequest(`Vertex AI needs a region: set the ${describe('vertex_region')}, e.g. us-central1 or global.`, 'vertex_region', 'missing_vertex_region');
  if (!regionPattern.test(region)) throw invalidRequest(`Invalid Vertex AI region '${region.slice(0, 40)}' in the ${describe('vertex_region')}.`, 'vertex_region', 'invalid_vertex_region');
  return region;
}

/** The project: the setting, else the service account's own `project_id`. */
export function vertexProject(target: TargetOptions): string {
  const project = stringSetting(target, 'vertex_project_id') ?? serviceAccountSetting(target)?.projectId;
  if (!project) throw invalidRequest(`Vertex AI needs a project: set the ${describe('vertex_project_id')}.`, 'vertex_project_id', 'missing_vertex_project_id');
  if (!projectPattern.test(project)) throw invalidRequest(`Invalid Vertex AI project '${project.slice(0, 40)}' in the ${describe('vertex_project_id')}.`, 'vertex_project_id', 'invalid_vertex_project_id');
  return project;
}

/**
 * Portkey-compatible request headers. Existing `portkey-ai` SDK clients send these, so their names
 * and meanings follow Portkey's gateway.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import { parseConfigHeader } from '../config/parse-config.js';
import { refuseUnsupportedHeader } from '../config/unsupported-fields.js';
import { maxTimeoutMs, type Config } from '../config/schema.js';
import { checkForwardHeaders } from '../security/forward-headers.js';
import type { ProviderSettingsIndex } from '../config/provider-settings-index.js';
import { headerSettingValue } from '../config/setting-values.js';
import type { ResolvedVirtualKey } from './resolved-virtual-key.js';

export const headerNames = {
  provider: 'x-portkey-provider',
  config: 'x-portkey-config',
  customHost: 'x-portkey-custom-host',
  apiKey: 'x-portkey-api-key',
  virtualKey: 'x-portkey-virtual-key',
  traceId: 'x-portkey-trace-id',
  metadata: 'x-portkey-metadata',
  requestTimeout: 'x-portkey-request-timeout',
  forwardHeaders: 'x-portkey-forward-headers',
  cacheForceRefresh: 'x-portkey-cache-force-refresh',
  cacheNamespace: 'x-portkey-cache-namespace',
  lastUsedOptionIndex: 'x-portkey-last-used-option-index',
  retryAttemptCount: 'x-portkey-retry-attempt-count',
  cacheStatus: 'x-portkey-cache-status',
} as const;

const genericHeaders = new Set<string>(Object.values(headerNames));
const portkeyPrefix = 'x-portkey-';

/**
 * Headers the `portkey-ai` SDKs send on their own: what the SDK is and runs on, and switches for
 * what Portkey's hosted service does around a call (keeping request logs, adding non-OpenAI
 * fields, billing audio by duration). The Node SDK sends `x-portkey-strict-open-ai-compliance:
 * false` on every request, the Python one also `x-portkey-calculate-audio-duration: true`. None
 * configures a call here (answers are always OpenAI-shaped), so they are read and ignored: they
 * are neither provider settings nor refused.
 */
export const ignoredHeaderNames: ReadonlySet<string> = new Set([
  'x-portkey-package-version',
  'x-portkey-runtime',
  'x-portkey-runtime-version',
  'x-portkey-strict-open-ai-compliance',
  'x-portkey-debug',
  'x-portkey-calculate-audio-duration',
  'x-portkey-dangerously-allow-browser',
  // The Node SDK's own retry count (`maxRetries`), which it sends along; its retries are its own.
  'x-portkey-max-retries',
]);

export interface RequestOptions {
  provider?: string;
  /** The provider key: `Authorization: Bearer`, else `x-portkey-api-key`. */
  apiKey?: string;
  customHost?: string;
  config?: Config;
  /** `x-portkey-virtual-key`: the stored credential for the targets that name no provider. */
  virtualKey?: string;
  /** The virtual keys the request's targets call with, opened before any call (access/virtual-key-targets.ts). */
  virtualKeys?: ReadonlyMap<string, ResolvedVirtualKey>;
  /** A config header that names a server-side config instead of carrying JSON. */
  configName?: string;
  traceId: string;
  metadata: Record<string, string>;
  requestTimeout?: number;
  forwardHeaders?: string[];
  cacheForceRefresh: boolean;
  /**
   * Provider-specific headers (`x-portkey-aws-region` -> `aws_region`), in the type the providers
   * declare for them when a settings index was given (`"3"` -> 3 for a number setting).
   */
  settings: Record<string, unknown>;
}

function bearerToken(authorization: string | null): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match ? match[1].trim() : undefined;
}

function parseMetadata(header: string | null): Record<string, string> {
  if (!header) return {};
  let value: unknown;
  try {
    value = JSON.parse(header);
  } catch {
    throw invalidRequest('Invalid x-portkey-metadata header: it is not valid JSON.', headerNames.metadata, 'invalid_metadata');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('Invalid x-portkey-metadata header: expected a JSON object.', headerNames.metadata, 'invalid_metadata');
  }
  return value as Record<string, string>;
}

function parseTimeout(header: string | null): number | undefined {
  if (header === null) return undefined;
  const milliseconds = Number(header);
  if (!Number.isInteger(milliseconds) || milliseconds <= 0 || milliseconds > maxTimeoutMs) {
    throw invalidRequest(`Invalid x-portkey-request-timeout header: expected a whole number of milliseconds from 1 to ${maxTimeoutMs}.`, headerNames.requestTimeout);
  }
  return milliseconds;
}

/** The names in `x-portkey-forward-headers`; names the gateway owns answer 400 (security/forward-headers.ts). */
function forwardList(header: string | null): string[] | undefined {
  if (!header) return undefined;
  return checkForwardHeaders(header.split(',').map((name) => name.trim()).filter(Boolean), headerNames.forwardHeaders);
}

/**
 * Reads every gateway header once; throws a 400 naming the header on bad input. With the
 * registered providers' `settingsIndex`, a provider-setting header that no provider declares
 * answers 400 `unknown_setting`, and one whose text does not fit the declared type 400
 * `invalid_setting` (config/setting-values.ts); without it, every such header is taken as it is.
 */
export function readRequestOptions(headers: Headers, newTraceId: () => string, settingsIndex?: ProviderSettingsIndex): RequestOptions {
  const settings: Record<string, unknown> = {};
  headers.forEach((value, name) => {
    if (!name.startsWith(portkeyPrefix)) return;
    refuseUnsupportedHeader(name);
    if (genericHeaders.has(name) || ignoredHeaderNames.has(name)) return;
    const setting = name.slice(portkeyPrefix.length).replaceAll('-', '_');
    settings[setting] = settingsIndex ? headerSettingValue(name, setting, value, settingsIndex, genericHeaders) : value;
  });

  const configHeader = headers.get(headerNames.config)?.trim();
  const isJsonConfig = configHeader?.startsWith('{');
  return {
    provider: headers.get(headerNames.provider)?.trim() || undefined,
    apiKey: bearerToken(headers.get('authorization')) ?? (headers.get(headerNames.apiKey) || undefined),
    customHost: headers.get(headerNames.customHost) || undefined,
    virtualKey: headers.get(headerNames.virtualKey)?.trim() || undefined,
    config: configHeader && isJsonConfig ? parseConfigHeader(configHeader) : undefined,
    configName: configHeader && !isJsonConfig ? configHeader : undefined,
    traceId: headers.get(headerNames.traceId) || newTraceId(),
    metadata: parseMetadata(headers.get(headerNames.metadata)),
    requestTimeout: parseTimeout(headers.get(headerNames.requestTimeout)),
    forwardHeaders: forwardList(headers.get(headerNames.forwardHeaders)),
    cacheForceRefresh: headers.get(headerNames.cacheForceRefresh) === 'true',
    settings,
  };
}

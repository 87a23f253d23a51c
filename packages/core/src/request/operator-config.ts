/**
 * A request that runs under an operator's config (a named server-side config or a model alias)
 * may not steer the operator's targets: those hold the operator's credentials, and a request that
 * could change their host, provider, headers or settings could send those credentials anywhere.
 * Rather than ignore such headers (the client would believe they applied), the request is refused.
 *
 * What a request may still set under an operator's config: its trace id and metadata, a shorter
 * `x-portkey-request-timeout`, the cache headers, and its own key for targets that hold none.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import { headerNames, type RequestOptions } from './portkey-headers.js';

function refusedHeaders(options: RequestOptions): string[] {
  const refused: string[] = [];
  if (options.provider !== undefined) refused.push(headerNames.provider);
  if (options.customHost !== undefined) refused.push(headerNames.customHost);
  if (options.virtualKey !== undefined) refused.push(headerNames.virtualKey);
  if (options.forwardHeaders !== undefined) refused.push(headerNames.forwardHeaders);
  // The headers SDKs send about themselves never become settings (ignoredHeaderNames), so they pass.
  for (const setting in options.settings) refused.push(`x-portkey-${setting.replaceAll('_', '-')}`);
  return refused;
}

/**
 * Throws a 400 naming the first header the request may not send under this operator's config.
 * `description` names the config, e.g. "server-side config 'prod'".
 */
export function refuseOperatorConfigOverrides(options: RequestOptions, description: string): void {
  const refused = refusedHeaders(options);
  if (refused.length === 0) return;
  throw invalidRequest(
    `${refused.join(', ')} cannot be used with ${description}: its targets are set by this gateway's operator. Send the request without ${refused.length === 1 ? 'it' : 'them'}, or with a config of your own.`,
    refused[0],
    'operator_config_override',
  );
}

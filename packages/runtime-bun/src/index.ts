import { builtinIngressFormats, createGateway, withFields, type GatewayOptions } from '@ai-gateway/core';
import { builtinProviders } from '@ai-gateway/providers';
import { builtinGuardrails } from '@ai-gateway/guardrails';
import { estimateTokens } from '@ai-gateway/providers/estimate-tokens';
import { createPriceLookup } from '@ai-gateway/providers/prices';
import { readConsoleFiles } from './console-files.js';

// Bun's global, declared here so the package type-checks without Bun's types installed.
declare const Bun: { serve(options: { port: number; hostname?: string; fetch: (request: Request) => Response | Promise<Response> }): { port: number; stop(closeActiveConnections?: boolean): void } };

export interface ServeGatewayOptions extends Partial<GatewayOptions> {
  port?: number;
  /** Interface to listen on. Default `127.0.0.1` (this machine only); containers set `0.0.0.0`. */
  hostname?: string;
}

/** `127.0.0.1`, `::1`, `localhost`: reachable from this machine only. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * Serves the gateway with Bun.serve; Bun's fetch already pools upstream connections. The gateway's
 * own token counts use gpt-tokenizer's o200k_base, as on Node, unless `estimateTokens` says otherwise.
 *
 * Custom hosts: core refuses link-local and cloud-metadata addresses written in the URL, but Bun's
 * fetch offers no hook on the address a name resolves to, so a custom host *name* resolving to
 * 169.254.169.254 is not refused here (the Node runtime refuses it). Shared deployments set
 * `customHostAllowlist` (`AI_GATEWAY_CUSTOM_HOST_ALLOWLIST`); see docs/security.md.
 */
export function serveGateway(options: ServeGatewayOptions = {}) {
  const hostname = options.hostname || '127.0.0.1';
  const admin = { token: options.admin?.token, requireToken: !isLoopback(hostname) };
  if (admin.requireToken && !admin.token) {
    console.warn(`[ai-gateway] the console, the logs API and /metrics are off: the gateway listens on ${hostname}, beyond loopback, and AI_GATEWAY_ADMIN_TOKEN is not set`);
  }
  const app = createGateway(withFields(options, {
    admin,
    consoleAssets: options.consoleAssets ?? readConsoleFiles(),
    providers: options.providers ?? builtinProviders,
    ingressFormats: options.ingressFormats ?? builtinIngressFormats,
    guardrails: options.guardrails ?? builtinGuardrails,
    estimateTokens: options.estimateTokens ?? estimateTokens,
    priceLookup: options.priceLookup ?? createPriceLookup(),
  }));
  return Bun.serve({ port: options.port ?? 8787, hostname, fetch: app.fetch });
}

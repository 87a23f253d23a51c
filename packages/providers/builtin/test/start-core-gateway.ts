/**
 * Core's gateway as a library user builds it on any runtime with a standard fetch:
 * `createGateway` with every built-in provider, the settings read by `readGatewaySettings`, and no
 * `fetch` option, so upstream calls go through the global fetch. Served on 127.0.0.1 by
 * @hono/node-server. It lives here, not in the testing package, because the providers depend on
 * the testing package for their own suites.
 */
import { readGatewaySettings, silentLogger, withFields, type GatewayOptions } from '@ai-gateway/core';
import { startTestGateway, type RunningRuntime } from '@ai-gateway/testing';
import { builtinGuardrails } from '@ai-gateway/guardrails';
import { builtinProviders } from '../src/index.js';

export async function startCoreGateway(environment: Record<string, string> = {}, options: Partial<GatewayOptions> = {}): Promise<RunningRuntime> {
  const gateway = await startTestGateway(withFields(withFields(readGatewaySettings(environment), { providers: builtinProviders, guardrails: builtinGuardrails, logger: silentLogger }), options));
  return { url: gateway.origin, close: () => gateway.close() };
}

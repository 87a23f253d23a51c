import { builtinIngressFormats, createGateway, errorResponse, GatewayError, readGatewaySettings, withFields, type GatewayOptions } from '@ai-gateway/core';
import { builtinProviders } from '@ai-gateway/providers';
import { builtinGuardrails } from '@ai-gateway/guardrails';

type Hono = ReturnType<typeof createGateway>;

/**
 * A Worker is reachable from the internet: its control plane (logs API, `/metrics`) needs
 * `AI_GATEWAY_ADMIN_TOKEN`, and is off without it, unless `AI_GATEWAY_CONTROL_PLANE=open` says the
 * Worker is private (`wrangler dev`, a Worker behind Cloudflare Access).
 */
function workerAdminAccess(env: Record<string, unknown> | undefined, options: Partial<GatewayOptions>): GatewayOptions['admin'] {
  if (options.admin) return options.admin;
  const token = typeof env?.AI_GATEWAY_ADMIN_TOKEN === 'string' && env.AI_GATEWAY_ADMIN_TOKEN !== '' ? env.AI_GATEWAY_ADMIN_TOKEN : undefined;
  return { token, requireToken: env?.AI_GATEWAY_CONTROL_PLANE !== 'open' };
}

/**
 * A Workers module (`export default createWorker()`); workerd's fetch pools connections itself.
 * The shared `AI_GATEWAY_*` settings come from the Worker's `env` (its `vars`), which it first sees
 * with a request, so the app is made on the first request and kept; `options` win over `env`.
 */
export function createWorker(options: Partial<GatewayOptions> = {}) {
  let app: Hono | undefined;
  return {
    fetch(request: Request, env?: Record<string, unknown>, executionContext?: unknown) {
      try {
        app ??= createGateway(withFields(withFields(readGatewaySettings(env ?? {}), options), {
          providers: options.providers ?? builtinProviders,
          ingressFormats: options.ingressFormats ?? builtinIngressFormats,
          guardrails: options.guardrails ?? builtinGuardrails,
          admin: workerAdminAccess(env, options),
        }));
      } catch (error) {
        // A bad setting is the operator's to fix; every request says which until it is.
        return errorResponse(new GatewayError((error as Error).message, { status: 500, type: 'gateway_error', code: 'invalid_settings' }));
      }
      return app.fetch(request, env, executionContext as Parameters<Hono['fetch']>[2]);
    },
  };
}

/**
 * What every topic of the gateway behaviour suite shares: how a target is started, mock upstreams
 * reset before each test, and a plain `fetch` client for chat completions with a config header.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream.js';
import { healthy } from '../upstream-handlers.js';

export interface RunningRuntime {
  /** The gateway's origin, e.g. http://127.0.0.1:8787 */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the gateway under test with `environment` as its settings (`AI_GATEWAY_*`), read the way
 * its runtime reads them in a deployment: process env, Bun's env, a Worker's vars.
 */
export type StartGateway = (environment: Record<string, string>) => Promise<RunningRuntime>;

/**
 * Where a target legitimately differs from the others. Each field that is set skips or relaxes the
 * checks it names, and holds the reason, so the target's test file says why.
 */
export interface GatewayBehaviourOptions {
  /** How the runtime's fetch names a refused connection in the 502's message (undici: /ECONNREFUSED/); unset, only the message's form is checked. */
  refusedConnectionReason?: RegExp;
  /** Why a client's disconnect cannot be seen reaching the upstream call on this target; skips the checks that the upstream call stops. */
  noClientDisconnect?: string;
  /** Why this target's fetch may send a call again when a reused connection breaks mid-answer; skips the checks that count calls around such a break. */
  resendsAfterBrokenAnswer?: string;
}

/** Settings that turn the circuit breaker off, for topics that make one target fail again and again. */
export const withoutCircuitBreaker = { AI_GATEWAY_CIRCUIT_BREAKER: 'off' };

/** How long a target may take to start (workerd and the bun binary are separate processes). */
export const startTimeoutMs = 60_000;

export interface GatewayHarness<Gateway extends RunningRuntime = RunningRuntime> {
  upstreams: MockUpstream[];
  gateway: Gateway;
}

/**
 * Starts `upstreams` healthy mock upstreams and one gateway for the whole `describe`, and resets
 * the upstreams (handler and recorded requests) before each test.
 */
export function useGatewayHarness<Gateway extends RunningRuntime>(
  start: (environment: Record<string, string>) => Promise<Gateway>,
  options: { upstreams: number; environment?: Record<string, string> },
): GatewayHarness<Gateway> {
  const harness = { upstreams: [] as MockUpstream[] } as GatewayHarness<Gateway>;
  beforeAll(async () => {
    harness.upstreams = await Promise.all(Array.from({ length: options.upstreams }, () => startMockUpstream(healthy)));
    harness.gateway = await start(options.environment ?? {});
  }, startTimeoutMs);
  afterAll(async () => {
    await harness.gateway?.close();
    await Promise.all(harness.upstreams.map((upstream) => upstream.close()));
  });
  beforeEach(() => {
    for (const upstream of harness.upstreams) {
      upstream.requests.length = 0;
      upstream.setHandler(healthy);
    }
  });
  return harness;
}

/** An OpenAI target on a mock upstream (or any custom host), for a config. */
export function target(upstream: MockUpstream | string, extra: Record<string, unknown> = {}) {
  return { provider: 'openai', api_key: 'sk-test', custom_host: typeof upstream === 'string' ? upstream : `${upstream.origin}/v1`, ...extra };
}

/** A chat completion with `config` (when given) in `x-portkey-config`. */
export function postChat(gateway: RunningRuntime, config: unknown, options: { headers?: Record<string, string>; body?: Record<string, unknown>; signal?: AbortSignal } = {}) {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(config ? { 'x-portkey-config': JSON.stringify(config) } : {}), ...options.headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], ...options.body }),
    signal: options.signal,
  });
}

/** The assistant's text in a chat completion answer. */
export async function contentOf(response: Response): Promise<string> {
  return (await response.json()).choices[0].message.content;
}

/** Resolves when `condition` holds, polling; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

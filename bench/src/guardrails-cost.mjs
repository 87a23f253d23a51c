/**
 * What three cheap input guardrails cost per request, measured in one process: core's gateway
 * (`createGateway`, the built-in providers and checks) with a fetch that answers at once, so the
 * time is the gateway's alone, with no sockets. Compares the input-guardrails case's config with
 * the same config without its checks, in 9 alternating rounds of 20,000 requests.
 *
 *   node --expose-gc src/guardrails-cost.mjs      (from bench/, after `pnpm build`)
 *
 * With --expose-gc each round starts after a full collection, so one side does not pay for the
 * other's garbage.
 */
import { createRequire } from 'node:module';

// The workspace packages, resolved from runtime-node, which depends on all three.
const require = createRequire(new URL('../../packages/runtime-node/package.json', import.meta.url));
const { createGateway, silentLogger } = await import(require.resolve('@ai-gateway/core'));
const { builtinProviders } = await import(require.resolve('@ai-gateway/providers'));
const { builtinGuardrails } = await import(require.resolve('@ai-gateway/guardrails'));

const answer = JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the benchmark' }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 } });
const bytes = new TextEncoder().encode(answer);
const headers = new Headers({ 'content-type': 'application/json', 'content-length': String(bytes.length) });
const fetch = async () => ({ status: 200, statusText: 'OK', ok: true, headers, body: null, bytes: async () => bytes, arrayBuffer: async () => bytes.buffer, text: async () => answer, json: async () => JSON.parse(answer) });
const app = createGateway({ providers: builtinProviders, guardrails: builtinGuardrails, logger: silentLogger, fetch });

const target = { provider: 'openai', custom_host: 'http://127.0.0.1:9/v1', api_key: 'bench-key' };
const checks = {
  'default.contains': { operator: 'none', words: ['password', 'secret'] },
  'default.wordCount': { minWords: 1, maxWords: 1000 },
  'default.characterCount': { minCharacters: 1, maxCharacters: 10000 },
  deny: true,
};
const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello to the benchmark.' }], max_tokens: 64 });

async function microsecondsPerRequest(config, requests) {
  globalThis.gc?.();
  const header = JSON.stringify(config);
  const started = process.hrtime.bigint();
  for (let index = 0; index < requests; index += 1) {
    const response = await app.fetch(new Request('http://gateway/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json', 'x-portkey-config': header }, body }));
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`the gateway answered ${response.status}`);
  }
  return Number(process.hrtime.bigint() - started) / requests / 1000;
}

const deltas = [];
const rounds = 9;
for (let round = 0; round < rounds; round += 1) {
  const without = await microsecondsPerRequest(target, 20_000);
  const withChecks = await microsecondsPerRequest({ ...target, input_guardrails: [checks] }, 20_000);
  deltas.push(withChecks - without);
  console.log(`round ${round + 1}: ${without.toFixed(1)} µs without the checks, ${withChecks.toFixed(1)} µs with them: +${(withChecks - without).toFixed(1)} µs`);
}
deltas.sort((a, b) => a - b);
console.log(`median added per request over ${rounds} rounds: ${deltas[(rounds - 1) / 2].toFixed(1)} µs`);

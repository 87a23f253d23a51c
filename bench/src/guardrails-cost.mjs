/**
 * What three cheap input guardrails cost per request in CPU time: core's gateway (`createGateway`,
 * the built-in providers and checks) with a fetch that answers at once, so there are no sockets,
 * driven in its own process. Compares the input-guardrails case's config with the same config
 * without its checks: 5 rounds, each side in a fresh process (20,000 requests to warm up, 60,000
 * counted), CPU time from `process.cpuUsage`. The client's side of the loop (building the Request,
 * reading the answer) is in both, and reads a larger answer with the checks' `hook_results`.
 *
 * With `--sqlite-log` the request log goes to the SQLite store the Node gateway keeps by default
 * (a file in a fresh temporary folder, written by its worker thread), instead of core's memory
 * store; `process.cpuUsage` counts every thread of the process, the writer's too.
 *
 *   node src/guardrails-cost.mjs [--sqlite-log]     (from bench/, after `pnpm build`)
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
const sqliteLog = process.argv.includes('--sqlite-log');
const side = process.argv.find((argument) => argument === 'with' || argument === 'without');
let requestLog;
/** The side's log file's folder, removed when the side is done: each holds some 150 MB of records, and rounds left behind slowed the disk for the rounds after them. */
let logFolder;
// Only a side's process keeps a log: the process that runs the rounds opens no file.
if (sqliteLog && side) {
  const { createSqliteLogStore } = await import(require.resolve('@ai-gateway/runtime-node'));
  const { mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  logFolder = mkdtempSync(join(tmpdir(), 'ai-gateway-guardrails-cost-'));
  requestLog = { store: createSqliteLogStore({ path: join(logFolder, 'requests.db'), logger: silentLogger }) };
}
const app = createGateway({ providers: builtinProviders, guardrails: builtinGuardrails, logger: silentLogger, fetch, requestLog });

const target = { provider: 'openai', custom_host: 'http://127.0.0.1:9/v1', api_key: 'bench-key' };
const checks = {
  'default.contains': { operator: 'none', words: ['password', 'secret'] },
  'default.wordCount': { minWords: 1, maxWords: 1000 },
  'default.characterCount': { minCharacters: 1, maxCharacters: 10000 },
  deny: true,
};
const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello to the benchmark.' }], max_tokens: 64 });

/** CPU time (user and system) per request of one config, after a warm-up, in this process. */
async function cpuMicrosecondsPerRequest(config, warmUp, counted) {
  const header = JSON.stringify(config);
  const send = async () => {
    const response = await app.fetch(new Request('http://gateway/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json', 'x-portkey-config': header }, body }));
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`the gateway answered ${response.status}`);
  };
  // After every request the event loop gets a turn, as it does between a server's requests (each
  // arrives as I/O): the request log builds its records on timers, which a loop of promises alone
  // never runs. With a turn only every 50 requests, the records waited for the 50 ms batch, and
  // the text of each request's hook results, remembered for the latest 64, was made twice.
  const sendMany = async (count) => {
    for (let index = 0; index < count; index += 1) {
      await send();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await sendMany(warmUp);
  await app.flushRequestLog();
  const before = process.cpuUsage();
  await sendMany(counted);
  // The records of the last requests are written too: the log's work is part of a request's cost.
  await app.flushRequestLog();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / counted;
}

if (side === 'with' || side === 'without') {
  // One side in a process of its own, so neither pays for the other's garbage or code.
  const config = side === 'with' ? { ...target, input_guardrails: [checks] } : target;
  console.log(JSON.stringify({ side, microseconds: await cpuMicrosecondsPerRequest(config, 20_000, 60_000) }));
  await requestLog?.store.close();
  if (logFolder) (await import('node:fs')).rmSync(logFolder, { recursive: true, force: true });
} else {
  const { execFileSync } = await import('node:child_process');
  const script = new URL(import.meta.url).pathname;
  const deltas = [];
  const rounds = 5;
  for (let round = 0; round < rounds; round += 1) {
    const measure = (which) => JSON.parse(execFileSync(process.execPath, [script, which, ...(sqliteLog ? ['--sqlite-log'] : [])], { encoding: 'utf8' })).microseconds;
    const without = measure('without');
    const withChecks = measure('with');
    deltas.push(withChecks - without);
    console.log(`round ${round + 1}: ${without.toFixed(1)} µs of CPU without the checks, ${withChecks.toFixed(1)} µs with them: +${(withChecks - without).toFixed(1)} µs`);
  }
  deltas.sort((a, b) => a - b);
  console.log(`median added CPU per request over ${rounds} rounds: ${deltas[(rounds - 1) / 2].toFixed(1)} µs`);
}

/**
 * The systems under test and how each is started: the upstream alone (the floor), this gateway on
 * Node, Portkey's gateway from npm started the way its README says, and this gateway on Bun.
 * Every gateway runs in a child process of its own; its pid is what the CPU and RSS figures read.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, launchProcess, waitUntilAnswering } from './process-launcher.mjs';

const require = createRequire(import.meta.url);
export const benchDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repositoryRoot = resolve(benchDirectory, '..');

const ourNodeCli = join(repositoryRoot, 'packages/runtime-node/dist/cli.js');
const ourBunServer = join(repositoryRoot, 'packages/runtime-bun/dist/server.js');
const referenceProxy = join(benchDirectory, 'src/reference-proxy.mjs');

function portkeyStartScript() {
  return join(dirname(require.resolve('@portkey-ai/gateway/package.json')), 'build/start-server.js');
}

/** The bun binary the `bun` npm package installed, or null where it did not install. */
export function bunBinary() {
  try {
    const binary = join(dirname(require.resolve('bun/package.json')), 'bin/bun.exe');
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * @typedef {object} RunningSystem
 * @property {string} baseUrl origin the load goes to
 * @property {number | undefined} pid the gateway's process, undefined for the floor
 * @property {() => Promise<void>} stop
 * @property {Record<string, string>} [headers] sent with every request besides the case's own (a gateway key)
 *
 * @typedef {object} SystemDefinition
 * @property {string} id
 * @property {string} label
 * @property {boolean} isFloor true for the upstream alone
 * @property {string[]} [onlyCases] the cases it can serve at all (all when absent)
 * @property {() => string | null} unavailableReason why it cannot run here, or null
 * @property {string} [notUnderValgrind] why its instructions cannot be counted (instruction-count.mjs)
 * @property {(context: StartContext) => Promise<RunningSystem>} start
 *
 * @typedef {object} StartContext
 * @property {string} mockOrigin
 * @property {number | string} [cpu] a taskset CPU list for the gateway
 * @property {number} [harnessCpu] the CPU of the load generator and the mock, where a system's own
 *   services (a Redis) run too, beside the upstream rather than beside the gateway
 * @property {string[]} nodeFlags extra flags for a Node gateway (e.g. --cpu-prof)
 * @property {string[]} [launchPrefix] a program the gateway runs under, with its arguments (valgrind)
 * @property {number} [startTimeoutMs] how long it may take to answer (longer under valgrind)
 */

/** @param {string} label @param {string} command @param {(port: number) => string[]} argsFor @param {(port: number) => Record<string,string>} [envFor] */
function gatewayProcess(label, command, argsFor, envFor = () => ({})) {
  return async ({ cpu, launchPrefix = [], startTimeoutMs }) => {
    const port = await findFreePort();
    const [program, ...programArgs] = [...launchPrefix, command, ...argsFor(port)];
    const launched = launchProcess(program, programArgs, { cpu, env: { NODE_ENV: 'production', ...envFor(port) } });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitUntilAnswering(`${baseUrl}/`, launched, startTimeoutMs);
    } catch (error) {
      await launched.stop();
      throw new Error(`${label} ${error.message}`);
    }
    return { baseUrl, pid: launched.pid, stop: () => launched.stop() };
  };
}

/** Resolves once a Redis answers PING on `port`. @param {number} port @param {{ stop(): Promise<void> }} launched */
async function waitForRedis(port, launched) {
  const { createConnection } = await import('node:net');
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const answered = await new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(String(data).startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await launched.stop();
  throw new Error(`redis-server did not answer on port ${port}`);
}

/** @type {SystemDefinition[]} */
export const systems = [
  {
    id: 'floor',
    label: 'upstream directly (floor)',
    isFloor: true,
    unavailableReason: () => null,
    start: async ({ mockOrigin }) => ({ baseUrl: mockOrigin, pid: undefined, stop: async () => {} }),
  },
  {
    id: 'ai-gateway-node',
    label: 'AI Gateway (Node)',
    isFloor: false,
    unavailableReason: () => (existsSync(ourNodeCli) ? null : `${ourNodeCli} is missing: run pnpm build first`),
    start: (context) =>
      // With its defaults: the request log in a SQLite file (a fresh one per run) and metrics on.
      gatewayProcess('AI Gateway (Node)', process.execPath, (port) => [...context.nodeFlags, ourNodeCli, '--port', String(port), '--host', '127.0.0.1'], () => ({
        AI_GATEWAY_LOG_DB: join(mkdtempSync(join(tmpdir(), 'ai-gateway-bench-log-')), 'requests.db'),
      }))(context),
  },
  {
    id: 'ai-gateway-node-log-off',
    label: 'AI Gateway (Node), request log and metrics off',
    isFloor: false,
    unavailableReason: () => (existsSync(ourNodeCli) ? null : `${ourNodeCli} is missing: run pnpm build first`),
    start: (context) =>
      gatewayProcess('AI Gateway (Node, log off)', process.execPath, (port) => [...context.nodeFlags, ourNodeCli, '--port', String(port), '--host', '127.0.0.1'], () => ({
        AI_GATEWAY_REQUEST_LOG: 'off',
        AI_GATEWAY_METRICS: 'off',
      }))(context),
  },
  {
    id: 'ai-gateway-node-keys',
    label: 'AI Gateway (Node), gateway key with rate limits and a budget in Redis',
    isFloor: false,
    unavailableReason: () => (existsSync(ourNodeCli) ? null : `${ourNodeCli} is missing: run pnpm build first`),
    start: async (context) => {
      // The defaults of ai-gateway-node, plus keys: every request is checked against a key with a
      // request and a token rate limit and a monthly budget, counted in the shared Redis.
      // A Redis of its own, on the harness's CPU like the upstream: on a small machine a Redis left
      // to float would take its turns from the gateway's CPUs, and every request waits on it.
      const redisPort = await findFreePort();
      const redis = launchProcess('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { cpu: context.harnessCpu });
      await waitForRedis(redisPort, redis);
      const adminToken = 'bench-admin-token';
      let running;
      try {
        running = await gatewayProcess('AI Gateway (Node, keys)', process.execPath, (port) => [...context.nodeFlags, ourNodeCli, '--port', String(port), '--host', '127.0.0.1'], () => ({
          AI_GATEWAY_LOG_DB: join(mkdtempSync(join(tmpdir(), 'ai-gateway-bench-log-')), 'requests.db'),
          AI_GATEWAY_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
          AI_GATEWAY_ADMIN_TOKEN: adminToken,
        }))(context);
      } catch (error) {
        await redis.stop();
        throw error;
      }
      const stopBoth = async () => {
        await running.stop();
        await redis.stop();
      };
      const created = await fetch(`${running.baseUrl}/admin/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench', rate_limits: { requests_per_minute: 100_000_000, tokens_per_minute: 1_000_000_000 }, budget: { usd: 1_000_000, period: 'month' } }),
      });
      if (created.status !== 201) {
        await stopBoth();
        throw new Error(`AI Gateway (Node, keys) refused the bench key: ${created.status} ${await created.text()}`);
      }
      const { key } = await created.json();
      return { ...running, stop: stopBoth, headers: { 'x-portkey-api-key': key } };
    },
  },
  {
    id: 'portkey',
    label: 'Portkey gateway 1.15.2 (Node)',
    isFloor: false,
    unavailableReason: () => {
      try {
        return existsSync(portkeyStartScript()) ? null : 'build/start-server.js is missing from @portkey-ai/gateway';
      } catch {
        return '@portkey-ai/gateway is not installed';
      }
    },
    // Its README: `npx @portkey-ai/gateway`, i.e. node build/start-server.js; only `--port=N` is honoured.
    start: (context) => gatewayProcess('Portkey', process.execPath, (port) => [...context.nodeFlags, portkeyStartScript(), `--port=${port}`])(context),
  },
  {
    id: 'reference-proxy',
    label: 'plain Node proxy (reference)',
    isFloor: false,
    // It forwards one request shape and nothing else: the other cases would only measure its 502s.
    onlyCases: ['passthrough'],
    unavailableReason: () => null,
    start: (context) => gatewayProcess('reference proxy', process.execPath, (port) => [...context.nodeFlags, referenceProxy, '--port', String(port)])(context),
  },
  {
    id: 'ai-gateway-bun',
    label: 'AI Gateway (Bun)',
    isFloor: false,
    // Seen with valgrind 3.19: Bun starts and answers, but its outbound connections fail.
    notUnderValgrind: 'under valgrind (Bun answers, but valgrind 3.19 does not handle a system call of its event loop, epoll_pwait2, and every upstream connection fails)',
    unavailableReason: () => {
      if (!bunBinary()) return 'the bun package did not install a binary on this machine';
      return existsSync(ourBunServer) ? null : `${ourBunServer} is missing: run pnpm build first`;
    },
    start: (context) => gatewayProcess('AI Gateway (Bun)', /** @type {string} */ (bunBinary()), () => [ourBunServer], (port) => ({ PORT: String(port) }))(context),
  },
];

export const systemIds = systems.map((system) => system.id);

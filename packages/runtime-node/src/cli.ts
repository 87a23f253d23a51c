#!/usr/bin/env node
/**
 * `ai-gateway [--port 8787] [--host 0.0.0.0]`: starts the gateway and stops it gracefully on
 * SIGTERM/SIGINT, letting in-flight requests (streams included) finish first.
 */
import { parseArgs } from 'node:util';
import { readGatewayEnvironment } from './environment.js';
import { startGateway } from './start-gateway.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: false,
});

if (values.help) {
  process.stdout.write(`Usage: ai-gateway [--port N] [--host ADDRESS]

  --port, -p   port to listen on (env PORT, default 8787)
  --host       interface to listen on (env HOST, default 0.0.0.0)

Environment: AI_GATEWAY_MAX_BODY_BYTES, AI_GATEWAY_CUSTOM_HOST_ALLOWLIST, AI_GATEWAY_SHUTDOWN_TIMEOUT_MS
`);
  process.exit(0);
}

const environment = readGatewayEnvironment(process.env);
const port = Number(values.port ?? process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`[ai-gateway] invalid port '${values.port ?? process.env.PORT}'\n`);
  process.exit(2);
}

const gateway = await startGateway({ ...environment.gatewayOptions, port, host: values.host ?? process.env.HOST });
process.stdout.write(`AI Gateway listening on ${gateway.url}\n`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`[ai-gateway] ${signal}: finishing in-flight requests\n`);
  const forceExit = setTimeout(() => process.exit(1), environment.shutdownTimeoutMs);
  forceExit.unref();
  gateway.close().then(() => process.exit(0));
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

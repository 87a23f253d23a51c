#!/usr/bin/env node
/**
 * `ai-gateway [--port 8787] [--host 127.0.0.1] [--config gateway.json]`: starts the gateway and stops it gracefully on
 * SIGTERM/SIGINT, letting in-flight requests (streams included) finish first.
 */
import { parseArgs } from 'node:util';
import { withFields } from '@ai-gateway/core';
import { readGatewayEnvironment } from './environment.js';
import { startGateway } from './start-gateway.js';
import { runKeysCommand } from './keys-command.js';
import { runVirtualKeysCommand } from './virtual-keys-command.js';

if (process.argv[2] === 'keys') process.exit(await runKeysCommand(process.argv.slice(3), process.env));
if (process.argv[2] === 'virtual-keys') process.exit(await runVirtualKeysCommand(process.argv.slice(3), process.env));

const usage = `Usage: ai-gateway [--port N] [--host ADDRESS] [--config FILE]
       ai-gateway keys create|list|revoke   (gateway keys: ai-gateway keys --help)
       ai-gateway virtual-keys add|list|rotate|remove   (stored provider keys: ai-gateway virtual-keys --help)

  --port, -p   port to listen on (env PORT, default 8787)
  --host       interface to listen on (env HOST, default 127.0.0.1: this machine only;
               containers set HOST=0.0.0.0)
  --config, -c a JSON file of named configs and model aliases (env AI_GATEWAY_CONFIG), reloaded on change

Environment: AI_GATEWAY_MAX_BODY_BYTES, AI_GATEWAY_CUSTOM_HOST_ALLOWLIST, AI_GATEWAY_SHUTDOWN_TIMEOUT_MS,
  AI_GATEWAY_REDIS_URL (response cache and stored responses in Redis), AI_GATEWAY_REDIS_KEY_PREFIX, AI_GATEWAY_CACHE_MAX_BYTES,
  AI_GATEWAY_REQUEST_BODY_TIMEOUT_MS (time a client has to send a whole request, default 60000),
  AI_GATEWAY_UPSTREAM_TIMEOUT_MS (default 600000), AI_GATEWAY_MAX_ATTEMPTS_PER_REQUEST (default 10),
  AI_GATEWAY_MAX_UPSTREAM_BODY_BYTES (default 67108864), AI_GATEWAY_CIRCUIT_BREAKER=off,
  AI_GATEWAY_CIRCUIT_FAILURES (default 5), AI_GATEWAY_CIRCUIT_COOLDOWN_MS (default 30000),
  AI_GATEWAY_SECRET_KEY (32 bytes in base64: seals virtual keys, and signed reasoning for stateless Responses clients),
  AI_GATEWAY_LOG_DB (the request log's SQLite file, default ai-gateway-logs.db; off: memory only),
  AI_GATEWAY_LOG_RETENTION_DAYS (default 7), AI_GATEWAY_LOG_MAX_BYTES (default 1073741824),
  AI_GATEWAY_REQUEST_LOG=off, AI_GATEWAY_LOG_BODIES=off, AI_GATEWAY_LOG_MAX_BODY_BYTES (default 32768),
  AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES (open streams' bodies held at once, default 33554432),
  AI_GATEWAY_LOG_HTTP_URL, AI_GATEWAY_LOG_HTTP_HEADERS, AI_GATEWAY_METRICS=off,
  AI_GATEWAY_ADMIN_TOKEN (needed for /admin/, and for /public/ and /metrics beyond loopback),
  AI_GATEWAY_STATE_DB (gateway keys, their counters and virtual keys, default ai-gateway-state.db; with AI_GATEWAY_REDIS_URL: in Redis),
  AI_GATEWAY_REQUIRE_KEYS (true: a key is needed before any exists; false: no warning for an open gateway),
  OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME
  Every setting: docs/settings.md
`;

/** Bad flags or settings end start-up with one clear line and the usage, never a stack trace. */
function refuse(message: string): never {
  process.stderr.write(`[ai-gateway] ${message.replace(/^\[ai-gateway\] /, '')}\n\n${usage}`);
  process.exit(2);
}

let values: { port?: string; host?: string; config?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  }));
} catch (error) {
  refuse((error as Error).message);
}

if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}

let environment: ReturnType<typeof readGatewayEnvironment>;
try {
  environment = readGatewayEnvironment(process.env);
} catch (error) {
  refuse((error as Error).message);
}
const port = Number(values.port ?? process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  refuse(`invalid port '${values.port ?? process.env.PORT}'`);
}

let gateway: Awaited<ReturnType<typeof startGateway>>;
try {
  gateway = await startGateway(withFields(environment.gatewayOptions, {
    port,
    host: values.host ?? (process.env.HOST || undefined),
    configFile: values.config ?? (process.env.AI_GATEWAY_CONFIG || undefined),
  }));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
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

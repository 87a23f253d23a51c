import { estimateTokens } from '@ai-gateway/providers/estimate-tokens';
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import {
  builtinIngressFormats, consoleLogger, createGateway, defaultMaxBodyBytes, redactingLogger, withFields,
  type AdminAccess, type GatewayApp, type GatewayLogger, type GatewayOptions, type RequestLogOptions,
} from '@ai-gateway/core';
import type { LogSinkV1 } from '@ai-gateway/spec';
import { createPriceLookup } from '@ai-gateway/providers/prices';
import { createSqliteLogStore } from './sqlite-log-store.js';
import { readConsoleFiles } from './console-files.js';
import { builtinProviders } from '@ai-gateway/providers';
import { builtinGuardrails } from '@ai-gateway/guardrails';
import { watchConfigFile } from './config-file.js';
import { trackInFlightRequests } from './in-flight.js';
import { createNodeIncomingShortcuts, type PreReadIncomingMessage } from './node-incoming.js';
import { createRedisCacheStore } from './redis-cache-store.js';
import { createRedisResponseStore, defaultRedisResponseKeyPrefix } from './redis-response-store.js';
import { createUpstreamFetch } from './upstream-fetch.js';
import { nodeAccess } from './node-access.js';

export interface StartGatewayOptions extends Partial<GatewayOptions> {
  port?: number;
  /**
   * Interface to listen on. Default `127.0.0.1`: only this machine can reach the gateway until it
   * is told otherwise; a container or a deployment behind a load balancer sets `0.0.0.0`.
   */
  host?: string;
  /** A JSON file of named configs and model aliases, reloaded when it changes. */
  configFile?: string;
  /** Where `env:NAME` references in the config file are looked up. Default: process.env. */
  environment?: Record<string, string | undefined>;
  /**
   * A Redis for the response cache and for stored responses (`/v1/responses`), shared by every
   * instance that uses it (`redis://host:6379`). Ignored for either when `cacheStore` or
   * `responseStore` is given. The connections close with the gateway.
   */
  redisUrl?: string;
  /**
   * Prefix of the cache's Redis keys (default `ai-gateway:cache:`); stored responses go under it
   * followed by `responses:` (default `ai-gateway:responses:`).
   */
  redisKeyPrefix?: string;
  /**
   * Resolves upstream host names (default `dns.lookup`); a name resolving to a link-local or
   * cloud-metadata address is refused whatever resolves it. Ignored when `fetch` is given.
   */
  upstreamLookup?: LookupFunction;
  /**
   * The most bytes an upstream answer read whole may decompress to; past it the client gets a 502.
   * Default `defaultMaxBufferedAnswerBytes` (32 MiB). Ignored when `fetch` is given.
   */
  maxBufferedAnswerBytes?: number;
  /**
   * How long a client may take to send a whole request, headers and body, in milliseconds; one
   * still sending after it gets a 408 and its connection is closed. Answers are not limited by
   * it: a stream may run as long as the upstream keeps sending. Default
   * `defaultRequestBodyTimeoutMs` (60 s, enough for the 25 MiB body limit at 3.5 Mbit/s); 0 turns
   * it off.
   */
  requestBodyTimeoutMs?: number;
  /**
   * The request log's SQLite file (the CLI: `AI_GATEWAY_LOG_DB`, default `ai-gateway-logs.db` in
   * the working directory). Without it (or `false`) records stay in a bounded in-memory ring.
   * Ignored when `requestLog` names a store.
   */
  logDb?: string | false;
  /** Records older than this leave the SQLite file (`AI_GATEWAY_LOG_RETENTION_DAYS`). */
  logMaxAgeMs?: number;
  /** The SQLite file's largest size; the oldest records go first (`AI_GATEWAY_LOG_MAX_BYTES`). */
  logMaxBytes?: number;
  /** OpenTelemetry's span exporter (`OTEL_EXPORTER_OTLP_ENDPOINT`): turns tracing on. */
  traceSink?: LogSinkV1;
  /**
   * The SQLite file of gateway keys and their counters (the CLI: `AI_GATEWAY_STATE_DB`, default
   * `ai-gateway-state.db` in the working directory); with `redisUrl` they live in that Redis
   * instead. Without either (or `false`), and without `access`, there is no key check.
   */
  stateDb?: string | false;
  /**
   * `AI_GATEWAY_REQUIRE_KEYS`: true makes every request need a key even before one exists; false
   * says an open gateway beyond loopback is meant (no warning at start-up). Keys, once made, are
   * required either way.
   */
  requireKeys?: boolean;
}

/** How long a client may take to send a whole request by default: 60 s. */
export const defaultRequestBodyTimeoutMs = 60_000;

/**
 * The Node server's timeouts for receiving requests. Node counts `requestTimeout` from a request's
 * first byte until its body has been received, not while the answer is sent, so long answers and
 * streams are not cut. Without it a client sending a byte every few seconds holds a connection
 * (and a parser) forever. Node looks for expired requests every `connectionsCheckingInterval`, so
 * that is a fraction of the timeout.
 */
function requestTimeouts(requestBodyTimeoutMs: number): ServerOptions {
  if (requestBodyTimeoutMs <= 0) return { requestTimeout: 0 };
  return {
    requestTimeout: requestBodyTimeoutMs,
    // Node's own default for headers (60 s), and never longer than the whole request may take.
    headersTimeout: Math.min(60_000, requestBodyTimeoutMs),
    connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(requestBodyTimeoutMs / 4))),
  };
}

export interface RunningGateway {
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting connections, lets in-flight requests finish, then releases the upstream pool. */
  close(): Promise<void>;
}

type NodeListener = (incoming: IncomingMessage, outgoing: ServerResponse) => unknown;

/**
 * Reads a body of declared length (within the gateway's limit) before handing the request on, as
 * `incoming.rawBody`, which core takes as it is (see node-incoming.ts) instead of reading it back
 * through a Web Request. Bodies without a length, or over the limit, go on unread, so core still
 * refuses them (413) without reading them. Requests read here go to `preReadListener`, which must
 * not wait for (or drain) a body that has already ended.
 */
function readDeclaredBodiesFirst(listener: NodeListener, preReadListener: NodeListener, maxBodyBytes: number): NodeListener {
  return (incoming, outgoing) => {
    const declaredLength = incoming.headers['content-length'];
    if (declaredLength === undefined || incoming.method === 'GET' || incoming.method === 'HEAD' || !(Number(declaredLength) <= maxBodyBytes)) {
      return listener(incoming, outgoing);
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => {
      (incoming as PreReadIncomingMessage).rawBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      preReadListener(incoming, outgoing);
    });
    // A client that goes away mid-body gets no answer; the socket is already gone.
    incoming.once('error', () => outgoing.destroy());
  };
}

/** `127.0.0.1`, `::1`, `localhost`: reachable from this machine only. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * The request log on Node: the SQLite file when one is named, else the memory ring, and the
 * OpenTelemetry sink when tracing is on. Closing writes what is pending, then closes the file.
 */
function nodeRequestLog(options: StartGatewayOptions, logger: GatewayLogger): { options: RequestLogOptions | false; close(app: GatewayApp): Promise<void> } {
  if (options.requestLog === false) return { options: false, close: async () => {} };
  const given = options.requestLog ?? {};
  const sqlite = !given.store && options.logDb ? createSqliteLogStore({ path: options.logDb, maxAgeMs: options.logMaxAgeMs, maxBytes: options.logMaxBytes, logger }) : undefined;
  const traceSink = options.traceSink;
  return {
    options: withFields(given, {
      store: given.store ?? sqlite,
      sinks: traceSink ? [...(given.sinks ?? []), traceSink] : given.sinks,
      tracing: given.tracing ?? traceSink !== undefined,
    }),
    async close(app) {
      await app.flushRequestLog();
      await sqlite?.close();
    },
  };
}

/** Starts the gateway on Node with the built-in providers and a pooled upstream client. */
export async function startGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  // Config-file lines are redacted like core's own (core wraps the logger it is given again; redacting twice changes nothing).
  const logger = redactingLogger(options.logger ?? consoleLogger);
  const providers = options.providers ?? builtinProviders;
  // First: a setting that cannot work stops start-up before anything is opened.
  const access = nodeAccess(options);
  // Stored virtual keys need the secret key that sealed them: a missing or wrong one stops start-up.
  await access.checkVirtualKeys(options.secretKey, logger).catch(async (error: unknown) => {
    await access.close();
    throw error;
  });
  // Load the config file first: an invalid one (a misspelt provider setting too) must stop start-up before anything listens.
  const configWatcher = options.configFile ? watchConfigFile(options.configFile, options.environment ?? process.env, logger, providers) : undefined;
  const upstream = options.fetch ? undefined : createUpstreamFetch({ lookup: options.upstreamLookup, maxBufferedAnswerBytes: options.maxBufferedAnswerBytes });
  const redisCacheStore = !options.cacheStore && options.redisUrl ? createRedisCacheStore({ url: options.redisUrl, keyPrefix: options.redisKeyPrefix }) : undefined;
  const redisResponseStore = options.responseStore === undefined && options.redisUrl
    ? createRedisResponseStore({ url: options.redisUrl, keyPrefix: options.redisKeyPrefix === undefined ? defaultRedisResponseKeyPrefix : `${options.redisKeyPrefix}responses:` })
    : undefined;
  const requestLog = nodeRequestLog(options, logger);
  const admin: AdminAccess = { token: options.admin?.token, requireToken: !isLoopback(options.host || '127.0.0.1') };
  if (admin.requireToken && !admin.token) {
    logger.warn('the console, the logs API and /metrics are off: the gateway listens beyond loopback and AI_GATEWAY_ADMIN_TOKEN is not set', { host: options.host });
  }
  if (admin.requireToken) await access.warnWhenOpen(logger, options.host);
  const app = createGateway(withFields(options, {
    requestLog: requestLog.options,
    priceLookup: options.priceLookup ?? createPriceLookup(),
    admin,
    consoleAssets: options.consoleAssets ?? readConsoleFiles(),
    access: access.options,
    cacheStore: options.cacheStore ?? redisCacheStore,
    responseStore: options.responseStore ?? redisResponseStore,
    logger,
    serverConfig: options.serverConfig ?? configWatcher?.current,
    providers,
    ingressFormats: options.ingressFormats ?? builtinIngressFormats,
    guardrails: options.guardrails ?? builtinGuardrails,
    estimateTokens: options.estimateTokens ?? estimateTokens,
    fetch: options.fetch ?? upstream!.fetch,
    // The pooled client keeps long timeouts on one coarse clock, cheaper than core's timer per call.
    timedFetch: options.timedFetch ?? upstream?.fetch,
    incomingShortcuts: options.incomingShortcuts ?? createNodeIncomingShortcuts(),
  }));
  // The adapter's clean-up of unread bodies (drain on finish, timers on close) is for bodies still
  // arriving; one read up front has ended, and waiting for its `end` would only leave timers behind.
  const listener = getRequestListener(app.fetch);
  const preReadListener = getRequestListener(app.fetch, { autoCleanupIncoming: false });
  const server = createServer(
    requestTimeouts(options.requestBodyTimeoutMs ?? defaultRequestBodyTimeoutMs),
    readDeclaredBodiesFirst(listener, preReadListener, options.maxBodyBytes ?? defaultMaxBodyBytes),
  );
  const inFlight = trackInFlightRequests(server);
  server.keepAliveTimeout = 65_000;

  // Loopback unless told otherwise: a gateway holds provider keys, and a forgotten setting should
  // leave it unreachable from the network rather than open to it.
  const host = options.host || '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const displayHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`,
    port,
    server,
    close() {
      configWatcher?.close();
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // In-flight requests finish; every connection without one (idle keep-alive, or opened and
        // never used) is closed as soon as nothing is in flight.
        inFlight.whenIdle(() => server.closeAllConnections());
      }).then(() => Promise.all([upstream?.close(), redisCacheStore?.close(), redisResponseStore?.close(), requestLog.close(app), access.close()])).then(() => {});
      return closing;
    },
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { consoleLogger, createGateway, type GatewayOptions } from '@ai-gateway/core';
import { builtinProviders } from '@ai-gateway/providers';
import { watchConfigFile } from './config-file.js';
import { trackInFlightRequests } from './in-flight.js';
import { createUpstreamFetch } from './upstream-fetch.js';

export interface StartGatewayOptions extends Partial<GatewayOptions> {
  port?: number;
  /** Interface to listen on; all interfaces by default, as a server in a container needs. */
  host?: string;
  /** A JSON file of named configs and model aliases, reloaded when it changes. */
  configFile?: string;
  /** Where `env:NAME` references in the config file are looked up. Default: process.env. */
  environment?: Record<string, string | undefined>;
}

export interface RunningGateway {
  /** e.g. `http://localhost:8787` */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting connections, lets in-flight requests finish, then releases the upstream pool. */
  close(): Promise<void>;
}

/** Starts the gateway on Node with the built-in providers and a pooled upstream client. */
export async function startGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? consoleLogger;
  // Load the config file first: an invalid one must stop start-up before anything listens.
  const configWatcher = options.configFile ? watchConfigFile(options.configFile, options.environment ?? process.env, logger) : undefined;
  const upstream = options.fetch ? undefined : createUpstreamFetch();
  const app = createGateway({
    ...options,
    logger,
    serverConfig: options.serverConfig ?? configWatcher?.current,
    providers: options.providers ?? builtinProviders,
    fetch: options.fetch ?? upstream!.fetch,
  });
  const server = createServer(getRequestListener(app.fetch));
  const inFlight = trackInFlightRequests(server);
  // Streams from slow models can be quiet for long stretches; the gateway's own timeouts govern them.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const displayHost = !options.host || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;

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
      }).then(() => upstream?.close());
      return closing;
    },
  };
}

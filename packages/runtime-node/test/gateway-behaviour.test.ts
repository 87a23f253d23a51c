/**
 * The shared gateway behaviour suite on the Node runtime: `startGateway` with its settings read as
 * `ai-gateway` reads them, the request log in a SQLite file (the command's default) of a temporary
 * folder rather than the working directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { silentLogger, withFields } from '@ai-gateway/core';
import { describeGatewayBehaviour } from '@ai-gateway/testing';
import { readGatewayEnvironment, startGateway } from '../src/index.js';

const logFolder = mkdtempSync(join(tmpdir(), 'ai-gateway-behaviour-'));
afterAll(() => rmSync(logFolder, { recursive: true, force: true }));
let gateways = 0;

describeGatewayBehaviour('node', async (environment) => {
  gateways += 1;
  const settings = readGatewayEnvironment({ AI_GATEWAY_LOG_DB: join(logFolder, `logs-${gateways}.db`), ...environment });
  const gateway = await startGateway(withFields(settings.gatewayOptions, { port: 0, host: '127.0.0.1', logger: silentLogger }));
  return { url: gateway.url, close: () => gateway.close() };
}, { refusedConnectionReason: /ECONNREFUSED/ });

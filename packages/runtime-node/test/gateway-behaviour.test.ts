/** The shared gateway behaviour suite on the Node runtime: `startGateway` with its settings read as `ai-gateway` reads them. */
import { silentLogger, withFields } from '@ai-gateway/core';
import { describeGatewayBehaviour } from '@ai-gateway/testing';
import { readGatewayEnvironment, startGateway } from '../src/index.js';

describeGatewayBehaviour('node', async (environment) => {
  const gateway = await startGateway(withFields(readGatewayEnvironment(environment).gatewayOptions, { port: 0, host: '127.0.0.1', logger: silentLogger }));
  return { url: gateway.url, close: () => gateway.close() };
}, { refusedConnectionReason: /ECONNREFUSED/ });

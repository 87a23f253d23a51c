/** The shared gateway behaviour suite on core's `createGateway` with the global fetch (see start-core-gateway.ts). */
import { describeGatewayBehaviour } from '@ai-gateway/testing';
import { startCoreGateway } from './start-core-gateway.js';

describeGatewayBehaviour('core with the global fetch', (environment) => startCoreGateway(environment), { refusedConnectionReason: /ECONNREFUSED/ });

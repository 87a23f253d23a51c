/**
 * Serves a core gateway app on 127.0.0.1 for tests of packages that cannot depend on the Node
 * runtime (providers, guardrails). The runtime's own tests start the real `startGateway`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { builtinIngressFormats, createGateway, withFields, type GatewayOptions } from '@ai-gateway/core';

export interface TestGateway {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

export async function startTestGateway(options: GatewayOptions): Promise<TestGateway> {
  const app = createGateway(withFields({ ingressFormats: builtinIngressFormats }, options));
  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

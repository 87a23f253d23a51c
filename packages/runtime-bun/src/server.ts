/**
 * `bun packages/runtime-bun/dist/server.js`: the gateway on Bun, port from PORT (default 8787),
 * interface from HOST (default 127.0.0.1; containers set HOST=0.0.0.0), and every shared
 * `AI_GATEWAY_*` setting (core's `readGatewaySettings`).
 */
import { readGatewaySettings, withFields } from '@ai-gateway/core';
import { serveGateway } from './index.js';

declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

let server: ReturnType<typeof serveGateway>;
try {
  const settings = readGatewaySettings(process.env);
  server = serveGateway(withFields(settings, { port: Number(process.env.PORT ?? 8787), hostname: process.env.HOST || undefined }));
} catch (error) {
  // A setting the gateway cannot honour stops it with one line saying which.
  console.error((error as Error).message);
  process.exit(2);
}
console.log(`AI Gateway (bun) listening on http://localhost:${server.port}`);

/**
 * `bun packages/runtime-bun/dist/server.js`: the gateway on Bun, port from PORT (default 8787),
 * interface from HOST (default 127.0.0.1; containers set HOST=0.0.0.0).
 */
import { serveGateway } from './index.js';

declare const process: { env: Record<string, string | undefined> };

const server = serveGateway({ port: Number(process.env.PORT ?? 8787), hostname: process.env.HOST || undefined });
console.log(`AI Gateway (bun) listening on http://localhost:${server.port}`);

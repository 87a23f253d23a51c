/** `bun packages/runtime-bun/dist/server.js`: the gateway on Bun, port from PORT (default 8787). */
import { serveGateway } from './index.js';

declare const process: { env: Record<string, string | undefined> };

const server = serveGateway({ port: Number(process.env.PORT ?? 8787) });
console.log(`AI Gateway (bun) listening on http://localhost:${server.port}`);

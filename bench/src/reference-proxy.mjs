/**
 * The reference point for "what does Node itself cost here": the least a Node proxy can do for the
 * passthrough case — read the body, forward it over a pooled undici connection to the custom host
 * with the caller's key, send the answer back. No config, no routing, no error model, no streaming
 * guard. Whatever this adds over the floor on a given machine is the share of any Node gateway's
 * added latency that comes from Node, the kernel and the machine rather than from the gateway.
 *
 * `node reference-proxy.mjs --port N [--host H]`
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Agent } from 'undici';

const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } } });
const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });

const server = createServer((incoming, outgoing) => {
  if (incoming.method === 'GET') {
    outgoing.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks = [];
  incoming.on('data', (chunk) => chunks.push(chunk));
  incoming.on('end', async () => {
    try {
      const base = new URL(`${incoming.headers['x-portkey-custom-host']}${incoming.url.replace(/^\/v1/, '')}`);
      const answer = await agent.request({
        origin: base.origin,
        path: base.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: incoming.headers.authorization ?? '' },
        body: Buffer.concat(chunks),
      });
      const length = answer.headers['content-length'];
      outgoing.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] ?? 'application/json', ...(length ? { 'content-length': length } : {}) });
      answer.body.pipe(outgoing);
    } catch (error) {
      outgoing.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: String(error) } }));
    }
  });
});
server.listen(Number(values.port), values.host);
process.on('SIGTERM', () => server.close(() => process.exit(0)));

/**
 * A real HTTP server on 127.0.0.1 standing in for an operator's webhook or log endpoint, in the
 * tests of `default.webhook` and `default.log`. Each path answers one way: pass, fail, too slowly,
 * with a redirect, a 500, text that is not JSON, a rewrite. It records what it was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GuardrailContextV1 } from '@ai-gateway/spec';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export interface CalloutServer {
  url(path: string): string;
  received: Received[];
  close(): Promise<void>;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** `secret` becomes `[hidden]` in every message text of the request the webhook was sent. */
function hideSecrets(request: any): any {
  const copy = structuredClone(request);
  for (const message of copy.messages) message.content = message.content.replaceAll('secret', '[hidden]');
  return copy;
}

const routes: Record<string, (body: any, response: ServerResponse) => void> = {
  '/pass': (_, response) => json(response, 200, { verdict: true, data: { reason: 'looks fine' } }),
  '/fail': (_, response) => json(response, 200, { verdict: false, data: { reason: 'not allowed here' } }),
  '/slow': (_, response) => {
    const timer = setTimeout(() => json(response, 200, { verdict: true }), 5000);
    response.on('close', () => clearTimeout(timer));
  },
  '/redirect': (_, response) => response.writeHead(302, { location: '/pass' }).end(),
  '/error': (_, response) => json(response, 500, { error: 'webhook broke' }),
  '/text': (_, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('OK'),
  '/no-verdict': (_, response) => json(response, 200, { data: { reason: 'forgot the verdict' } }),
  '/rewrite': (body, response) => json(response, 200, { verdict: true, transformedData: { request: { json: hideSecrets(body.request.json) } } }),
  '/rewrite-model': (body, response) => json(response, 200, { verdict: true, transformedData: { request: { json: { ...body.request.json, model: 'another-model' } } } }),
  '/rewrite-answer': (body, response) => {
    const answer = structuredClone(body.response.json);
    answer.choices[0].message.content = 'rewritten answer';
    json(response, 200, { verdict: true, transformedData: { response: { json: answer } } });
  },
  '/log': (_, response) => response.writeHead(204).end(),
};

export async function startCalloutServer(): Promise<CalloutServer> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
      received.push({ path, headers: request.headers, body });
      const route = routes[path];
      if (route) route(body, response);
      else json(response, 404, { error: 'no such route' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An address where nothing listens: a server's, once it is closed. */
export async function unusedUrl(): Promise<string> {
  const server = await startCalloutServer();
  const url = server.url('/pass');
  await server.close();
  return url;
}

/**
 * The `fetch` a check gets in these tests: plain fetch that never follows a redirect. The gateway's
 * own, bound to its custom-host policy, is tested with the engine.
 */
export const manualRedirectFetch: GuardrailContextV1['fetch'] = (url, init) => fetch(url, { ...init, redirect: 'manual' });

/**
 * Reads this folder's recorded answers for tests (Node only: fixtures never ship).
 * `*.chunks.txt` files hold one JSON chunk per line, replayed as server-sent events the way
 * `streamGenerateContent?alt=sse` sends them (`data: ...` and a blank line, CRLF-terminated).
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

const folder = new URL('./', import.meta.url);

export function fixtureJson(name: string): any {
  return JSON.parse(readFileSync(new URL(name, folder), 'utf8'));
}

export function fixtureEvents(name: string): string[] {
  return readFileSync(new URL(name, folder), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => `data: ${line}\r\n\r\n`);
}

/** Answers a request with a fixture as JSON. */
export function replayJson(response: ServerResponse, name: string, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(fixtureJson(name)));
}

/** Answers a request with a `.chunks.txt` fixture as an event stream. */
export function replayEvents(response: ServerResponse, name: string): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of fixtureEvents(name)) response.write(event);
  response.end();
}

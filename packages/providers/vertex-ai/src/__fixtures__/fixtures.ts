/**
 * Reads this folder's recorded answers for tests (Node only: fixtures never ship).
 * `*.chunks.txt` files hold one JSON chunk per line. Gemini chunks replay as `data:` events;
 * Claude chunks as `event: <type>` + `data:` events, the way Anthropic (and Vertex for Claude) sends them.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

const folder = new URL('./', import.meta.url);

export function fixtureJson(name: string): any {
  return JSON.parse(readFileSync(new URL(name, folder), 'utf8'));
}

function fixtureLines(name: string): string[] {
  return readFileSync(new URL(name, folder), 'utf8').split('\n').filter((line) => line.trim() !== '');
}

export function replayJson(response: ServerResponse, name: string, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(fixtureJson(name)));
}

export function replayEvents(response: ServerResponse, name: string, style: 'gemini' | 'anthropic' = 'gemini'): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const line of fixtureLines(name)) {
    response.write(style === 'anthropic' ? `event: ${JSON.parse(line).type}\ndata: ${line}\n\n` : `data: ${line}\r\n\r\n`);
  }
  response.end();
}

/**
 * Test helpers: read a fixture written by hand after the API reference (one Anthropic event per line, or one JSON body) and
 * replay it from the mock upstream as Anthropic sends it, `event: <type>` then `data: <json>`.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { sendEvents, sendJson } from '@ai-gateway/testing';

const folder = new URL('./', import.meta.url);

/** The lines of `<name>.chunks.txt`, parsed. */
export function fixtureEvents(name: string): Record<string, any>[] {
  return readFileSync(new URL(`${name}.chunks.txt`, folder), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}

export function fixtureJson(name: string): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, folder), 'utf8'));
}

/** Anthropic's SSE framing: every event is named after its `type`. */
export function toServerSentEvents(events: readonly Record<string, unknown>[]): string[] {
  return events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
}

export function replayEvents(name: string) {
  return (_request: unknown, response: ServerResponse) => sendEvents(response, toServerSentEvents(fixtureEvents(name)));
}

export function replayJson(name: string, status = 200) {
  return (_request: unknown, response: ServerResponse) => sendJson(response, status, fixtureJson(name));
}

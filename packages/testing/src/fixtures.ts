/**
 * Recorded provider answers kept beside a package's tests (`src/__fixtures__/`): JSON bodies, and
 * `*.chunks.txt` streams with one JSON chunk per line, replayed as the provider frames its events.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

/**
 * How a chunk goes on the wire: `data` (`data: ...` + blank line), `data-crlf` (the same with CRLF,
 * as Google sends it), or `named` (`event: <chunk.type>` first, as Anthropic sends it).
 */
export type EventStyle = 'data' | 'data-crlf' | 'named';

export interface FixtureFolder {
  fixtureJson(name: string): any;
  fixtureLines(name: string): string[];
  fixtureEvents(name: string, style?: EventStyle): string[];
  /** Answers a request with a fixture as JSON. */
  replayJson(response: ServerResponse, name: string, status?: number): void;
  /** Answers a request with a `.chunks.txt` fixture as an event stream. */
  replayEvents(response: ServerResponse, name: string, style?: EventStyle): void;
}

function frame(line: string, style: EventStyle): string {
  if (style === 'named') return `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`;
  return style === 'data-crlf' ? `data: ${line}\r\n\r\n` : `data: ${line}\n\n`;
}

/** Readers for the fixtures in `folder` (pass `new URL('./', import.meta.url)` from inside it). */
export function fixtureFolder(folder: URL, defaultStyle: EventStyle = 'data'): FixtureFolder {
  const read = (name: string) => readFileSync(new URL(name, folder), 'utf8');
  const fixtureLines = (name: string) => read(name).split('\n').filter((line) => line.trim() !== '');
  const fixtureEvents = (name: string, style = defaultStyle) => fixtureLines(name).map((line) => frame(line, style));
  return {
    fixtureJson: (name) => JSON.parse(read(name)),
    fixtureLines,
    fixtureEvents,
    replayJson(response, name, status = 200) {
      response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      response.end(read(name));
    },
    replayEvents(response, name, style = defaultStyle) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of fixtureEvents(name, style)) response.write(event);
      response.end();
    },
  };
}

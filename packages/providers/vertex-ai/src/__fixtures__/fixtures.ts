/**
 * This folder's answers, written by hand after Vertex AI's API reference. Gemini chunks replay as CRLF `data:` events; Claude chunks as
 * `event: <type>` + `data:` events, the way Anthropic (and Vertex for Claude) sends them.
 */
import type { ServerResponse } from 'node:http';
import { fixtureFolder } from '@ai-gateway/testing';

const folder = fixtureFolder(new URL('./', import.meta.url), 'data-crlf');

export const { fixtureJson, replayJson } = folder;

export function replayEvents(response: ServerResponse, name: string, style: 'gemini' | 'anthropic' = 'gemini'): void {
  folder.replayEvents(response, name, style === 'anthropic' ? 'named' : 'data-crlf');
}

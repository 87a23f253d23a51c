/**
 * This folder's Gemini answers, written by hand after the Gemini API reference. Streams replay the way `streamGenerateContent?alt=sse`
 * sends them: `data: ...` and a blank line, CRLF-terminated.
 */
import { fixtureFolder } from '@ai-gateway/testing';

export const { fixtureJson, fixtureEvents, replayJson, replayEvents } = fixtureFolder(new URL('./', import.meta.url), 'data-crlf');

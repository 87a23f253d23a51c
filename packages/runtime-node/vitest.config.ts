import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// eventsource (under the Agents SDK's MCP client) publishes a `source` condition pointing at
// TypeScript, which the shared config's `source` condition picks: Vite compiles it instead of Node
// loading it.
export default mergeConfig(shared, { test: { server: { deps: { inline: ['eventsource', /@openai\/agents/, /@modelcontextprotocol\//] } } } });

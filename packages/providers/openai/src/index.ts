export { openaiProvider } from './openai-provider.js';

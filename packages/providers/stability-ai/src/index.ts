export { stabilityAIProvider } from './stability-ai-provider.js';

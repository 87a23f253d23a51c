export { cohereProvider } from './cohere-provider.js';

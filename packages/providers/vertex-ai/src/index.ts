export { createVertexAIProvider, vertexAIProvider, type VertexAIProviderOptions } from './vertex-provider.js';
export { createAccessTokenCache, type AccessTokenCache } from './access-token.js';
export { cloudPlatformScope, signServiceAccountJwt } from './jwt.js';
export { defaultTokenUri, parseServiceAccount, type ServiceAccount } from './service-account.js';
export { toVertexAnthropicRequest, vertexAnthropicVersion } from './anthropic-on-vertex.js';
export { fromVertexEmbeddingResponse, toVertexEmbeddingRequest } from './embeddings.js';
export { transformVertexError } from './errors.js';
export { vertexBaseUrl, vertexModel, vertexModelPath, type VertexModel, type VertexPublisher } from './vertex-model.js';

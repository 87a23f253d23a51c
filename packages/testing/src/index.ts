export { sendEvents, sendJson, startMockUpstream, type MockHandler, type MockUpstream, type RecordedRequest } from './mock-upstream.js';
export { chatChunkEvents, chatCompletion, mockChatText, mockEmbedding, mockSpeechBytes, mockStreamPieces, openAIMockHandler } from './openai-mock.js';
export { startTestGateway, type TestGateway } from './test-gateway.js';
export { describeProviderConformance, httpsImageUrl, pngBase64, pngDataUrl, weatherTool, type ProviderConformanceCase } from './provider-conformance.js';
export { fixtureFolder, type EventStyle, type FixtureFolder } from './fixtures.js';
export { describeCacheStoreConformance, type CacheStoreConformanceCase } from './cache-store-conformance.js';
export { describeRuntimeConformance, type RunningRuntime } from './runtime-conformance.js';
export { outsideAddress, tryConnect } from './network.js';
export { describeSettingsConformance, settingsConformanceEnvironment } from './settings-conformance.js';

export { bedrockProvider, createBedrockProvider, type BedrockProviderOptions } from './bedrock-provider.js';
export { createEventStreamDecoder, type EventStreamMessage, type EventStreamHeaders } from './event-stream-decoder.js';
export { signRequest, type AwsCredentials, type SignRequestOptions, type SignedRequest } from './sigv4.js';

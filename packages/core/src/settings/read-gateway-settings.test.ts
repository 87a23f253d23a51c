import { describe, expect, it } from 'vitest';
import { defaultMaxStreamCaptureBytes } from '../observe/request-log.js';
import { readGatewaySettings } from './read-gateway-settings.js';

describe("the request log's settings", () => {
  it("bound open streams' bodies by AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES, and leave the default when it is unset", () => {
    expect(readGatewaySettings({ AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES: '1048576' }).requestLog).toMatchObject({ maxStreamCaptureBytes: 1_048_576 });
    expect(readGatewaySettings({}).requestLog).toMatchObject({ maxStreamCaptureBytes: undefined });
    expect(defaultMaxStreamCaptureBytes).toBe(32 * 1024 * 1024);
  });

  it('refuse a bound that is not a positive number, naming the setting', () => {
    expect(() => readGatewaySettings({ AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES: 'lots' })).toThrow(/AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES must be a positive number/);
    expect(() => readGatewaySettings({ AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES: '0' })).toThrow(/AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES/);
  });
});

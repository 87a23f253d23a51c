/**
 * Test helper: frames events the way Bedrock does (`application/vnd.amazon.eventstream`), with
 * checksums from Node's zlib so the decoder is checked against an independent CRC-32.
 */
import { crc32 } from 'node:zlib';

function stringHeader(name: string, value: string): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const valueBytes = Buffer.from(value, 'utf8');
  const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
  let offset = header.writeUInt8(nameBytes.length, 0);
  offset += nameBytes.copy(header, offset);
  offset = header.writeUInt8(7, offset);
  offset = header.writeUInt16BE(valueBytes.length, offset);
  valueBytes.copy(header, offset);
  return header;
}

/** One message: prelude, string headers, payload, message CRC. */
export function encodeFrame(headers: Record<string, string>, payload: Buffer | string): Buffer {
  const headerBytes = Buffer.concat(Object.entries(headers).map(([name, value]) => stringHeader(name, value)));
  const payloadBytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
  const total = 12 + headerBytes.length + payloadBytes.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  payloadBytes.copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

/**
 * One fixture line, `{"<eventType>": {...}}` as the AWS SDKs print stream events, as a frame.
 * Keys ending in `Exception` become exception frames, as Bedrock sends them.
 */
export function encodeEventLine(line: string): Buffer {
  const event = JSON.parse(line) as Record<string, unknown>;
  const [type, body] = Object.entries(event)[0];
  if (type.endsWith('Exception')) {
    return encodeFrame({ ':message-type': 'exception', ':exception-type': type, ':content-type': 'application/json' }, JSON.stringify(body));
  }
  return encodeFrame({ ':message-type': 'event', ':event-type': type, ':content-type': 'application/json' }, JSON.stringify(body));
}

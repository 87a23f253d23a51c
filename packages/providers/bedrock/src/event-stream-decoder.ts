/**
 * Decodes the `application/vnd.amazon.eventstream` binary framing that ConverseStream answers with.
 * Each message is: total length (u32), headers length (u32), prelude CRC-32, headers, payload,
 * message CRC-32, all big-endian. TCP chunks do not follow message boundaries, so bytes are
 * buffered until a whole message is there, and one chunk may carry several messages.
 * Format: https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html
 */
import { GatewayError } from '@ai-gateway/provider-utils';
import { crc32 } from './crc32.js';

/** Header values by name; only string headers matter here, other types are read and skipped. */
export type EventStreamHeaders = Record<string, string | number | boolean | Uint8Array>;

export interface EventStreamMessage {
  headers: EventStreamHeaders;
  payload: Uint8Array;
}

const preludeLength = 12;
const checksumLength = 4;
/** Bedrock messages are small; anything claiming more is a corrupt or hostile stream. */
const maxMessageLength = 16 * 1024 * 1024;

function corrupt(reason: string): GatewayError {
  return new GatewayError(`Bedrock sent a malformed event stream: ${reason}.`, { status: 502, type: 'upstream_error', code: 'invalid_upstream_stream' });
}

const textDecoder = new TextDecoder();

/** A plain Uint8Array copy (a Node Buffer's `slice` would share memory instead). */
function copyOf(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** Reads the header block. Value types 0-9 per the spec; 7 (string) is what Bedrock sends. */
export function decodeHeaders(bytes: Uint8Array): EventStreamHeaders {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers: EventStreamHeaders = {};
  let offset = 0;
  while (offset < bytes.length) {
    const nameLength = view.getUint8(offset);
    offset += 1;
    const name = textDecoder.decode(bytes.subarray(offset, offset + nameLength));
    offset += nameLength;
    const type = view.getUint8(offset);
    offset += 1;
    switch (type) {
      case 0: headers[name] = true; break;
      case 1: headers[name] = false; break;
      case 2: headers[name] = view.getInt8(offset); offset += 1; break;
      case 3: headers[name] = view.getInt16(offset); offset += 2; break;
      case 4: headers[name] = view.getInt32(offset); offset += 4; break;
      case 5: headers[name] = Number(view.getBigInt64(offset)); offset += 8; break;
      case 8: headers[name] = Number(view.getBigInt64(offset)); offset += 8; break; // timestamp, ms
      case 9: headers[name] = copyOf(bytes.subarray(offset, offset + 16)); offset += 16; break; // uuid
      case 6:
      case 7: {
        const length = view.getUint16(offset);
        offset += 2;
        const value = bytes.subarray(offset, offset + length);
        headers[name] = type === 7 ? textDecoder.decode(value) : copyOf(value);
        offset += length;
        break;
      }
      default:
        throw corrupt(`unknown header type ${type}`);
    }
    if (offset > bytes.length) throw corrupt('a header runs past the header block');
  }
  return headers;
}

/** Decodes one whole message (exactly `total length` bytes), verifying both checksums. */
export function decodeMessage(bytes: Uint8Array): EventStreamMessage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const totalLength = view.getUint32(0);
  const headersLength = view.getUint32(4);
  if (view.getUint32(8) !== crc32(bytes.subarray(0, 8))) throw corrupt('prelude checksum mismatch');
  if (view.getUint32(totalLength - checksumLength) !== crc32(bytes.subarray(0, totalLength - checksumLength))) {
    throw corrupt('message checksum mismatch');
  }
  const headersEnd = preludeLength + headersLength;
  return {
    headers: decodeHeaders(bytes.subarray(preludeLength, headersEnd)),
    payload: copyOf(bytes.subarray(headersEnd, totalLength - checksumLength)),
  };
}

/**
 * A TransformStream from raw response bytes to decoded messages. A stream that ends in the middle
 * of a message errors, so the client sees a failure rather than a silently short answer.
 */
export function createEventStreamDecoder(): TransformStream<Uint8Array, EventStreamMessage> {
  let buffer: Uint8Array = new Uint8Array(0);
  return new TransformStream<Uint8Array, EventStreamMessage>({
    transform(chunk, controller) {
      if (buffer.length === 0) {
        buffer = chunk;
      } else {
        const joined = new Uint8Array(buffer.length + chunk.length);
        joined.set(buffer);
        joined.set(chunk, buffer.length);
        buffer = joined;
      }
      let offset = 0;
      while (buffer.length - offset >= preludeLength) {
        const view = new DataView(buffer.buffer, buffer.byteOffset + offset, preludeLength);
        const totalLength = view.getUint32(0);
        const headersLength = view.getUint32(4);
        if (totalLength < preludeLength + checksumLength || totalLength > maxMessageLength || headersLength > totalLength - preludeLength - checksumLength) {
          throw corrupt(`impossible message length ${totalLength}`);
        }
        if (buffer.length - offset < totalLength) break;
        controller.enqueue(decodeMessage(buffer.subarray(offset, offset + totalLength)));
        offset += totalLength;
      }
      // Keep only the unread tail; copy it so the large chunk it came from can be collected.
      buffer = offset === 0 ? buffer : copyOf(buffer.subarray(offset));
    },
    flush() {
      if (buffer.length > 0) throw corrupt(`the stream ended inside a message (${buffer.length} bytes left)`);
    },
  });
}

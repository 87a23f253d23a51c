/**
 * A custom host's base path is a boundary: a passthrough path (`/v1/*`) may not climb out of it.
 * HTTP clients such as fetch resolve `..` themselves, so the hostile paths go out on a raw socket
 * exactly as written, and the mock upstream records every request that reached it. (Plain `..`
 * and `%2e%2e` segments never get this far: the runtime's URL parsing resolves them first, and
 * `/v1/../..` is no longer below `/v1`.)
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../node-harness.js';

// A gateway and one healthy upstream for the file; the upstream's record is cleared before each test.
const harness = useHarness(1);

/** One HTTP/1.1 request with the path as given, byte for byte; resolves with the status and body. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const head = [
    `GET ${path} HTTP/1.1`,
    `host: 127.0.0.1:${harness.gateway.port}`,
    'authorization: Bearer sk-test',
    'x-portkey-provider: openai',
    `x-portkey-custom-host: ${harness.upstreams[0].origin}/base/v1`,
    'connection: close',
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(harness.gateway.port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      resolve({ status, body: answer.slice(answer.indexOf('\r\n\r\n') + 4) });
    });
    socket.setTimeout(2_000, () => socket.destroy(new Error(`no answer for ${JSON.stringify(path)}`)));
  });
}

describe('passthrough paths stay below the custom host', () => {
  it.each([
    ['/v1/a/..%5c..%5c..%5cecho%5cleak', 'encoded backslashes'],
    ['/v1/a/..%5C..%5C..%5Cecho', 'upper-case encoded backslashes'],
    ['/v1/a/.%09./.%09./echo', 'encoded tabs, which URL parsing drops'],
    ['/v1/a/..%2f..%2fecho', 'dot-segments between encoded slashes'],
    ['/v1/a/%252e%252e/%252e%252e/echo', 'double-encoded dots'],
    ['/v1/files/%2e%2e.json', 'encoded dots inside a segment'],
  ])('refuses %s (%s) with a 400 naming the path, and sends nothing upstream', async (path) => {
    const answer = await rawGet(path);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_path', param: 'path' });
    expect(harness.upstreams[0].requests).toEqual([]);
  });

  it('still passes ordinary paths through, an encoded slash in an id included', async () => {
    const file = await rawGet('/v1/files/file-abc?limit=2');
    expect(file.status).toBe(200);
    const model = await rawGet('/v1/models/meta-llama%2FLlama-3-70b');
    expect(model.status).toBe(200);
    expect(harness.upstreams[0].requests.map((request) => request.url)).toEqual(['/base/v1/files/file-abc?limit=2', '/base/v1/models/meta-llama%2FLlama-3-70b']);
  });
});

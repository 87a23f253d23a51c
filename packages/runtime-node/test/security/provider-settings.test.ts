/**
 * Provider settings that become part of an upstream URL (Bedrock's region is in its host name)
 * are matched against strict patterns: a hostile value answers 400 before any connection, with
 * no custom host to vet.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.js';

let gateway: RunningGateway;
/** Listens where a hostile region points, counting the connections it receives. */
let trap: Server;
let trapPort: number;
let trapConnections = 0;

beforeAll(async () => {
  gateway = await startGateway({ port: 0, host: '127.0.0.1' });
  trap = createServer((socket) => {
    trapConnections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapPort = (trap.address() as { port: number }).port;
});
afterAll(async () => {
  await gateway.close();
  await new Promise((resolve) => trap.close(resolve));
});

function bedrockChat(region: string) {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-portkey-provider': 'bedrock',
      'x-portkey-aws-region': region,
      'x-portkey-aws-access-key-id': 'AKIDEXAMPLE',
      'x-portkey-aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    },
    body: JSON.stringify({ model: 'anthropic.claude-3-5-haiku-20241022-v1:0', messages: [{ role: 'user', content: 'hi' }] }),
    signal: AbortSignal.timeout(2_000),
  });
}

describe('bedrock aws_region', () => {
  it.each([
    () => `x@127.0.0.1:${trapPort}/#`,
    () => `x@127.0.0.1:${trapPort}/?`,
    () => 'x@169.254.169.254/#',
    () => 'us-east-1.evil.example/#',
  ])('refuses a region that would move the host (%#), before connecting anywhere', async (region) => {
    const started = Date.now();
    const response = await bedrockChat(region());
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ type: 'invalid_request_error', param: 'aws_region', code: 'invalid_aws_region' });
    expect(error.message).toContain('x-portkey-aws-region');
    expect(error.message).toContain('aws_region');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(trapConnections).toBe(0);
  });
});

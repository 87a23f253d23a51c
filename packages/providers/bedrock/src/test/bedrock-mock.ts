/**
 * Test helper: a Bedrock Runtime stand-in. It checks every request's SigV4 signature the way
 * AWS does (recomputed here with node:crypto, independently of the provider's WebCrypto code)
 * and answers Converse JSON or ConverseStream frames from the fixtures.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { MockHandler, RecordedRequest } from '@ai-gateway/testing';
import { encodeEventLine } from './event-stream-encoder.js';

export const testCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };

export function fixture(name: string): string {
  return readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixture(name));
}

/** The fixture's events framed, one frame per non-empty line. */
export function fixtureFrames(name: string): Buffer[] {
  return fixture(name).split('\n').filter((line) => line.trim() !== '').map(encodeEventLine);
}

const encodeSegment = (segment: string) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Why the request's signature is wrong, or undefined when it is right. */
export function signatureProblem(request: RecordedRequest, secretAccessKey = testCredentials.secretAccessKey): string | undefined {
  const authorization = String(request.headers.authorization ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) return `malformed authorization header: ${authorization}`;
  const [, , day, region, service, signedHeaders, signature] = match;
  const [path, query = ''] = request.url.split('?');
  const canonicalUri = path.split('/').map(encodeSegment).join('/');
  const canonicalQuery = query.split('&').filter(Boolean).sort().join('&');
  const names = signedHeaders.split(';');
  const canonicalHeaders = names.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`).join('');
  const payloadHash = createHash('sha256').update(request.body).digest('hex');
  if (request.headers['x-amz-content-sha256'] !== payloadHash) return 'x-amz-content-sha256 does not match the body';
  const canonicalRequest = [request.method, canonicalUri, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', request.headers['x-amz-date'], `${day}/${region}/${service}/aws4_request`, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${secretAccessKey}`).update(day).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  return expected === signature ? undefined : `signature mismatch; canonical request was:\n${canonicalRequest}`;
}

function sendBedrockJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-mock-1', ...headers });
  response.end(JSON.stringify(body));
}

/** Writes frames as Bedrock does, optionally cutting the bytes into pieces of `chunkSize`. */
export async function sendFrames(response: ServerResponse, frames: Buffer[], chunkSize?: number): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'req-mock-1' });
  const bytes = Buffer.concat(frames);
  const size = chunkSize ?? bytes.length;
  for (let offset = 0; offset < bytes.length; offset += size) {
    response.write(bytes.subarray(offset, offset + size));
    // A pause makes each piece its own TCP read on the gateway's side.
    if (chunkSize) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  response.end();
}

/** Rejects badly signed requests like AWS (403), then hands over to `answer`. */
export function signedOnly(answer: MockHandler): MockHandler {
  return (request, response) => {
    const problem = request.headers.authorization?.startsWith('Bearer ') ? undefined : signatureProblem(request);
    if (problem) return sendBedrockJson(response, 403, { message: `The request signature we calculated does not match the signature you provided. ${problem}` }, { 'x-amzn-errortype': 'InvalidSignatureException' });
    return answer(request, response);
  };
}

export const answerJson = (name: string, headers: Record<string, string> = {}): MockHandler => signedOnly((_, response) => sendBedrockJson(response, 200, fixtureJson(name), headers));
export const answerFrames = (name: string, chunkSize?: number): MockHandler => signedOnly((_, response) => sendFrames(response, fixtureFrames(name), chunkSize));
export const answerError = (status: number, errorType: string, message: string): MockHandler =>
  signedOnly((_, response) => sendBedrockJson(response, status, { message }, { 'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/` }));

/** The headers that route a client's requests to this stand-in as a signed Bedrock target. */
export function bedrockHeaders(upstreamOrigin: string): Record<string, string> {
  return {
    'x-portkey-provider': 'bedrock', 'x-portkey-custom-host': upstreamOrigin, 'x-portkey-aws-region': testCredentials.region,
    'x-portkey-aws-access-key-id': testCredentials.accessKeyId, 'x-portkey-aws-secret-access-key': testCredentials.secretAccessKey,
  };
}

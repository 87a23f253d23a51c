/**
 * SigV4 against AWS's published example (IAM ListUsers, from the "create a signed request" guide
 * and the SigV4 test suite): the same inputs must give the same canonical request hash, signing
 * key and signature, byte for byte.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { amzDate, awsUriEncode, signingKey, signRequest } from './sigv4.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const date = new Date('2015-08-30T12:36:00Z');
const hex = (buffer: ArrayBuffer) => Buffer.from(buffer).toString('hex');

describe('signRequest', () => {
  it('reproduces the signature of AWS documentation example (GET iam ListUsers)', async () => {
    const signed = await signRequest({
      method: 'GET',
      url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: '',
      credentials,
      region: 'us-east-1',
      service: 'iam',
      date,
    });
    expect(createHash('sha256').update(signed.canonicalRequest).digest('hex')).toBe('f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
    expect(signed.headers['x-amz-date']).toBe('20150830T123600Z');
    expect(signed.headers.host).toBeUndefined(); // fetch sets Host itself
  });

  it('derives the documented signing key', async () => {
    expect(hex(await signingKey(credentials.secretAccessKey, '20150830', 'us-east-1', 'iam'))).toBe('c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
  });

  it('signs the session token of temporary credentials', async () => {
    const signed = await signRequest({ method: 'POST', url: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse', headers: {}, body: '{}', credentials: { ...credentials, sessionToken: 'token/with+chars' }, region: 'us-east-1', service: 'bedrock', date });
    expect(signed.headers['x-amz-security-token']).toBe('token/with+chars');
    expect(signed.headers.authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
  });

  it('encodes the already-encoded path again, as every service but S3 expects', async () => {
    const signed = await signRequest({ method: 'POST', url: `https://bedrock-runtime.us-east-1.amazonaws.com/model/${awsUriEncode('anthropic.claude-v2:1')}/converse`, headers: {}, body: '{}', credentials, region: 'us-east-1', service: 'bedrock', date });
    expect(signed.canonicalRequest.split('\n')[1]).toBe('/model/anthropic.claude-v2%253A1/converse');
  });

  it('formats x-amz-date and encodes like RFC 3986', () => {
    expect(amzDate(new Date('2024-01-02T03:04:05.678Z'))).toBe('20240102T030405Z');
    expect(awsUriEncode("a:b/c (d)!*'~")).toBe('a%3Ab%2Fc%20%28d%29%21%2A%27~');
  });
});

/**
 * AWS Signature Version 4 with WebCrypto (`crypto.subtle`), so it runs on every runtime.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 *
 * Signs the headers it is given plus `host` and `x-amz-date` (and `x-amz-security-token` for
 * temporary credentials). Callers that want the payload hash signed, as Bedrock does, pass
 * `x-amz-content-sha256` among the headers.
 */

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** For temporary credentials (STS, SSO, instance roles). */
  sessionToken?: string;
}

export interface SignRequestOptions {
  method: string;
  url: string;
  /** Headers to sign (names in any case). */
  headers: Record<string, string>;
  /** The exact bytes sent. */
  body: Uint8Array | string;
  credentials: AwsCredentials;
  region: string;
  service: string;
  /** Defaults to now; fixed in tests. */
  date?: Date;
}

const encoder = new TextEncoder();

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return toHex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

async function hmac(key: Uint8Array | ArrayBuffer, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey('raw', key as ArrayBuffer, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data));
}

/** RFC 3986 encoding as AWS wants it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function awsUriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `20150830T123600Z` */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Every service but S3 signs the path encoded twice: the URL already carries it encoded once
 * (a model id's `:` travels as `%3A`), and the canonical form encodes each segment again.
 */
function canonicalUri(pathname: string): string {
  return pathname.split('/').map((segment) => awsUriEncode(segment)).join('/') || '/';
}

function canonicalQuery(searchParams: URLSearchParams): string {
  return [...searchParams]
    .map(([name, value]) => [awsUriEncode(name), awsUriEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => (nameA === nameB ? (valueA < valueB ? -1 : 1) : nameA < nameB ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** The signing key: HMAC chain over date, region, service and `aws4_request`. */
export async function signingKey(secretAccessKey: string, day: string, region: string, service: string): Promise<ArrayBuffer> {
  const dateKey = await hmac(encoder.encode(`AWS4${secretAccessKey}`), day);
  const regionKey = await hmac(dateKey, region);
  const serviceKey = await hmac(regionKey, service);
  return hmac(serviceKey, 'aws4_request');
}

export interface SignedRequest {
  /** The headers to send: the given ones plus `x-amz-date`, the token and `authorization`. */
  headers: Record<string, string>;
  /** Exposed for tests and debugging: what was signed. */
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

export async function signRequest(options: SignRequestOptions): Promise<SignedRequest> {
  const url = new URL(options.url);
  const timestamp = amzDate(options.date ?? new Date());
  const day = timestamp.slice(0, 8);

  const signed: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers)) signed[name.toLowerCase()] = value;
  signed.host = url.host;
  signed['x-amz-date'] = timestamp;
  if (options.credentials.sessionToken) signed['x-amz-security-token'] = options.credentials.sessionToken;

  const names = Object.keys(signed).sort();
  const canonicalHeaders = names.map((name) => `${name}:${signed[name].trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const payloadHash = signed['x-amz-content-sha256'] ?? (await sha256Hex(options.body));
  const canonicalRequest = [options.method.toUpperCase(), canonicalUri(url.pathname), canonicalQuery(url.searchParams), canonicalHeaders, signedHeaders, payloadHash].join('\n');

  const scope = `${day}/${options.region}/${options.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', timestamp, scope, await sha256Hex(canonicalRequest)].join('\n');
  const key = await signingKey(options.credentials.secretAccessKey, day, options.region, options.service);
  const signature = toHex(await hmac(key, stringToSign));

  // `host` is set by fetch itself (it may not be set by hand); it was signed with the same value.
  const { host: _host, ...headers } = signed;
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${options.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers, canonicalRequest, stringToSign, signature };
}

/**
 * Where Bedrock's credentials and region come from: a config target's snake_case fields or the
 * matching `x-portkey-aws-*` headers (core turns both into `target.settings`), or a Bedrock API
 * key sent as `Authorization: Bearer` (`target.apiKey`).
 */
import type { ProviderSettingV1, TargetOptions } from '@ai-gateway/spec';
import { invalidRequest, stringSetting } from '@ai-gateway/provider-utils';
import type { AwsCredentials } from './sigv4.js';

/**
 * Every setting this provider reads. None is required on every call: a custom host with a Bedrock
 * API key needs no region, and a key needs no access keys; each is checked where it is used.
 */
export const bedrockSettings: readonly ProviderSettingV1[] = [
  { name: 'aws_region', type: 'string', description: 'the AWS region, e.g. us-east-1; needed unless a custom host and a Bedrock API key are given' },
  { name: 'aws_access_key_id', type: 'string', description: 'the access key that signs requests (SigV4), with aws_secret_access_key' },
  { name: 'aws_secret_access_key', type: 'string', description: 'the secret of aws_access_key_id' },
  { name: 'aws_session_token', type: 'string', description: 'the session token of temporary credentials' },
];

export type BedrockAuth = { kind: 'sigv4'; credentials: AwsCredentials } | { kind: 'bearer'; apiKey: string };

/**
 * AWS region names: a partition prefix of two to four letters (`us`, `cn`, `eusc`), one to three
 * words (`gov-west`, `southeast`, `isob-east`) and a number: us-east-1, us-gov-west-1,
 * ap-southeast-5, il-central-1, cn-north-1, us-isob-east-1, eusc-de-east-1. The region becomes part
 * of the host name, so nothing else may pass: `x@127.0.0.1:9001/#` would send the signed request,
 * credentials and all, to another host.
 */
const regionPattern = /^[a-z]{2,4}(?:-[a-z]+){1,3}-\d{1,2}$/;

/** The AWS region; required because it is part of both the host and the signature. */
export function bedrockRegion(target: TargetOptions): string {
  const region = stringSetting(target, 'aws_region');
  if (!region) {
    throw invalidRequest('Bedrock needs an AWS region: send the x-portkey-aws-region header or set aws_region in the config target.', 'aws_region', 'missing_aws_region');
  }
  if (!regionPattern.test(region)) {
    throw invalidRequest(
      `Invalid AWS region '${region.slice(0, 40)}' in the x-portkey-aws-region header (config field \`aws_region\`): expected a region name such as us-east-1.`,
      'aws_region',
      'invalid_aws_region',
    );
  }
  return region;
}

/**
 * Access keys win when given (SigV4); otherwise a Bedrock API key is sent as a bearer token
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html).
 */
export function bedrockAuth(target: TargetOptions): BedrockAuth {
  const accessKeyId = stringSetting(target, 'aws_access_key_id');
  const secretAccessKey = stringSetting(target, 'aws_secret_access_key');
  const sessionToken = stringSetting(target, 'aws_session_token');
  if (accessKeyId && secretAccessKey) return { kind: 'sigv4', credentials: { accessKeyId, secretAccessKey, sessionToken } };
  if (accessKeyId || secretAccessKey) {
    const missing = accessKeyId ? 'x-portkey-aws-secret-access-key (aws_secret_access_key)' : 'x-portkey-aws-access-key-id (aws_access_key_id)';
    throw invalidRequest(`Bedrock access keys come in pairs: ${missing} is missing.`, accessKeyId ? 'aws_secret_access_key' : 'aws_access_key_id', 'missing_aws_credentials');
  }
  if (target.apiKey) return { kind: 'bearer', apiKey: target.apiKey };
  throw invalidRequest(
    'Bedrock needs credentials: send x-portkey-aws-access-key-id and x-portkey-aws-secret-access-key (plus x-portkey-aws-session-token for temporary credentials), or set aws_access_key_id / aws_secret_access_key in the config target, or send a Bedrock API key as Authorization: Bearer.',
    'aws_access_key_id',
    'missing_aws_credentials',
  );
}

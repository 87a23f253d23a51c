/**
 * The credentials `default.secrets` finds, by kind. Each is a vendor's documented key prefix followed
 * by its alphabet, starting only where no key character precedes it; see findings.ts for why each
 * pattern is linear. Prefixes:
 * - OpenAI `sk-proj-`, `sk-svcacct-`, `sk-admin-`, and the older `sk-` + 32 or more letters and digits
 * - Anthropic `sk-ant-`
 * - AWS access key ids `AKIA` / `ASIA` + 16, and a secret access key (40 characters) only where it is
 *   labelled so (`aws_secret_access_key = ...`, `"SecretAccessKey": "..."`): alone it is an
 *   unremarkable base64 string
 * - GitHub `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`
 * - Google API keys `AIza` + 35
 * - Slack `xoxb-`, `xoxa-`, `xoxp-`, `xoxr-`, `xoxs-`
 * - Stripe live secret and restricted keys `sk_live_`, `rk_live_`
 * - PEM private keys, `-----BEGIN ... PRIVATE KEY-----` to its END line
 * - JWTs: three base64url parts, the first two JSON objects (`eyJ`)
 */
import { type Detector, type Finding, scan } from './findings.js';

const patterns: Readonly<Record<string, RegExp>> = {
  OPENAI_API_KEY: /(?<![\w-])sk-(?:(?:proj|svcacct|admin)-[\w-]{20,400}|[A-Za-z0-9]{32,200}(?![\w-]))/g,
  ANTHROPIC_API_KEY: /(?<![\w-])sk-ant-[\w-]{20,400}/g,
  AWS_ACCESS_KEY_ID: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  GITHUB_TOKEN: /(?<!\w)(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_\w{22,255})(?!\w)/g,
  GOOGLE_API_KEY: /(?<![\w-])AIza[\w-]{35}(?![\w-])/g,
  SLACK_TOKEN: /(?<![\w-])xox[abprs]-[A-Za-z0-9-]{10,250}/g,
  STRIPE_SECRET_KEY: /(?<!\w)[rs]k_live_[A-Za-z0-9]{16,250}/g,
  JWT: /(?<![\w-])eyJ[\w-]{8,8192}\.eyJ[\w-]{8,16384}\.[\w-]{16,4096}/g,
};

const patternDetector =
  (kind: string): Detector =>
  (text, into) =>
    scan(patterns[kind], text, kind, into);

// The label, an optional closing quote, `:` or `=`, an optional opening quote, then the 40-character key.
const awsSecretPattern = /(?<!\w)(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi;

/** Only the key is found (and redacted), not its label. */
const findAwsSecrets: Detector = (text, into) => {
  awsSecretPattern.lastIndex = 0;
  for (let match = awsSecretPattern.exec(text); match !== null; match = awsSecretPattern.exec(text)) {
    const end = match.index + match[0].length;
    into.push({ start: end - 40, end, category: 'AWS_SECRET_ACCESS_KEY' });
  }
};

const pemBegin = /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY-----/g;
const pemEnd = /-----END (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY-----/g;
/** A key block longer than this is not a key (an RSA 16384-bit key is about 12 KiB). */
const maxPemBlock = 64 * 1024;
const pemBodyLine = /^[A-Za-z0-9+/=]{0,128}$|^[A-Za-z-]{1,32}: [\x20-\x7e]{0,200}$/;

/** Where a block with no END line stops: after its last line of base64 or `Header: value`. */
function endOfPemBody(text: string, from: number): number {
  let end = from;
  let at = from;
  while (at < text.length && at - from < maxPemBlock) {
    const lineEnd = text.indexOf('\n', at);
    const stop = lineEnd === -1 ? text.length : lineEnd;
    const line = text.slice(at, Math.min(stop, at + 260)).replace(/\r$/, '');
    if (stop - at > 260 || !pemBodyLine.test(line)) break;
    if (line !== '') end = at + line.length;
    at = stop + 1;
  }
  return end;
}

/**
 * Private keys: each BEGIN line to the next END line, or to the end of its body when the END is
 * missing (a key cut short). The next END line is looked up once and kept while the BEGIN lines
 * before it are handled, so many BEGIN lines without END cost one pass, not one each.
 */
const findPrivateKeys: Detector = (text, into) => {
  let reach = 0;
  let nextEnd: { start: number; end: number } | null | undefined;
  pemBegin.lastIndex = 0;
  for (let begin = pemBegin.exec(text); begin !== null; begin = pemBegin.exec(text)) {
    if (begin.index < reach) continue;
    const bodyStart = begin.index + begin[0].length;
    if (nextEnd !== null && (nextEnd === undefined || nextEnd.start < bodyStart)) {
      pemEnd.lastIndex = bodyStart;
      const found = pemEnd.exec(text);
      nextEnd = found ? { start: found.index, end: found.index + found[0].length } : null;
    }
    const finding: Finding = nextEnd && nextEnd.end - begin.index <= maxPemBlock
      ? { start: begin.index, end: nextEnd.end, category: 'PRIVATE_KEY' }
      : { start: begin.index, end: Math.max(bodyStart, endOfPemBody(text, bodyStart)), category: 'PRIVATE_KEY' };
    into.push(finding);
    reach = finding.end;
    pemBegin.lastIndex = Math.max(pemBegin.lastIndex, reach);
  }
};

export const secretDetectors: Readonly<Record<string, Detector>> = {
  OPENAI_API_KEY: patternDetector('OPENAI_API_KEY'),
  ANTHROPIC_API_KEY: patternDetector('ANTHROPIC_API_KEY'),
  AWS_ACCESS_KEY_ID: patternDetector('AWS_ACCESS_KEY_ID'),
  AWS_SECRET_ACCESS_KEY: findAwsSecrets,
  GITHUB_TOKEN: patternDetector('GITHUB_TOKEN'),
  GOOGLE_API_KEY: patternDetector('GOOGLE_API_KEY'),
  SLACK_TOKEN: patternDetector('SLACK_TOKEN'),
  STRIPE_SECRET_KEY: patternDetector('STRIPE_SECRET_KEY'),
  PRIVATE_KEY: findPrivateKeys,
  JWT: patternDetector('JWT'),
};

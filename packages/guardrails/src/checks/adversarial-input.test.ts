/**
 * The text scanners read what clients send (up to 25 MiB): a 1 MiB string built to make a
 * backtracking pattern try many ways of matching must still be scanned, in linear time. Each case
 * runs every text check, redaction included. A linear scan of 1 MiB takes well under a second; a
 * pattern gone quadratic does not finish (tried: an unbounded email local part, `[\w.%+-]+@`,
 * holds the run for minutes on the "local part without end" case).
 */
import { describe, expect, it } from 'vitest';
import { pii } from './pii.js';
import { promptInjection } from './prompt-injection.js';
import { safetyContext } from '../../test/safety-context.js';
import { secrets } from './secrets.js';

const mebibyte = 1024 * 1024;
const filled = (unit: string) => unit.repeat(Math.ceil(mebibyte / unit.length)).slice(0, mebibyte);
const inTags = (text: string) => [...text].map((character) => String.fromCodePoint(0xe0000 + character.charCodeAt(0))).join('');

const adversarial: Record<string, string> = {
  'one long number': filled('1'),
  'digits and spaces': filled('1 '),
  'plus and digit groups': filled('+1 (2) 3-'),
  'a number past E.164': filled('+123456789012345678 '),
  'dotted numbers': filled('255.'),
  'national-looking groups': filled('0 12 '),
  'card-looking groups': filled('4111 '),
  'at signs': filled('a@'),
  'a local part without end': `${filled('a.')}@x`,
  'domain labels without end': `x@${filled('a.')}`,
  'colons': filled(':'),
  'hex and colons': filled('ab:'),
  'IBAN-looking groups': filled('DE89 '),
  'IBAN prefix and letters': `DE89${filled('A')}`,
  'key prefixes': filled('sk-proj-'),
  'a key without end': `sk-proj-${filled('a')}`,
  'JWT-looking parts': filled('.eyJaaaaaaaa'),
  'JWT prefixes with dashes': filled(`-eyJ${'a'.repeat(100)}`),
  'BEGIN lines without END': filled('-----BEGIN PRIVATE KEY-----\n'),
  'a key body without END': `-----BEGIN PRIVATE KEY-----\n${filled('AAAA\n')}`,
  'AWS labels': filled('aws_secret_access_key='),
  'trigger words': filled('ignore the the the the the '),
  'trigger word and white space': `ignore${' '.repeat(mebibyte)}`,
  'base64 in short pieces': filled('QUFBQUFBQUFB '),
  'one base64 blob': filled('QUFB'),
  'decode words': filled('decode '),
  'zero-width characters': filled('a\u200B'),
  'tag characters': inTags(filled('i')),
};

describe('text checks on adversarial input', () => {
  for (const [name, text] of Object.entries(adversarial)) {
    it(`scan 1 MiB of ${name}`, async () => {
      const context = safetyContext({ text });
      for (const check of [pii, secrets]) {
        expect(typeof (await check.run(context, {})).verdict).toBe('boolean');
        expect(typeof (await check.run(context, { redact: true })).verdict).toBe('boolean');
      }
      const judged = await promptInjection.run(context, {});
      expect(typeof judged.verdict).toBe('boolean');
    });
  }
});

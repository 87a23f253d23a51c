import { describe, expect, it } from 'vitest';
import { pii } from './pii.js';
import { runChecked, safetyContext } from '../../test/safety-context.js';

/** What the check finds in `text`: counts per category. */
async function found(text: string, categories?: string[]): Promise<Record<string, number>> {
  const result = await runChecked(pii, safetyContext({ text }), categories ? { categories } : {});
  return (result.data as { found: Record<string, number> }).found;
}

async function redact(text: string): Promise<string | undefined> {
  return (await runChecked(pii, safetyContext({ text }), { redact: true })).transformedSegments?.[0];
}

describe('default.pii', () => {
  it('fails on PII and reports counts per category, never the values', async () => {
    const result = await runChecked(pii, safetyContext({ text: 'Write to jane.doe@example.com or jane@corp.io' }));
    expect(result.verdict).toBe(false);
    expect(result.data).toMatchObject({ found: { EMAIL_ADDRESS: 2 }, redacted: false });
    expect(JSON.stringify(result.data)).not.toContain('jane');
    expect((await runChecked(pii, safetyContext({ text: 'What is the capital of France?' }))).verdict).toBe(true);
  });

  it('finds emails, not strings that only look alike', async () => {
    expect(await found('mail john.doe+tag@example.co.uk.')).toEqual({ EMAIL_ADDRESS: 1 });
    expect(await found('see @mention, user@localhost, a@b.c1, x@y.z')).toEqual({});
  });

  it('finds international and North American phone numbers, and trunk-prefixed national ones', async () => {
    for (const number of ['+44 20 7946 0958', '+1 (202) 555-0143', '+4915123456789', '+33 1 23 45 67 89', '(202) 555-0143', '202-555-0143', '202.555.0143', '1-202-555-0143', '020 7946 0958', '06 12 34 56 78']) {
      expect(await found(`call ${number} today`), number).toEqual({ PHONE_NUMBER: 1 });
    }
  });

  it('leaves plain digit runs (order ids, timestamps), dates, decimals and versions alone', async () => {
    for (const text of ['order 2025550143', 'ticket 12345678901234', 'on 2024-01-15 at 10:30', 'ratio +5.5 10.2 30.1', 'v1.2.3', '+123456789012345678', 'ids 123 456 7890']) {
      expect(await found(text), text).toEqual({});
    }
  });

  it('finds payment card numbers that pass Luhn, ungrouped or grouped, and only those', async () => {
    expect(await found('4111 1111 1111 1111')).toEqual({ CREDIT_CARD: 1 });
    expect(await found('4111-1111-1111-1111')).toEqual({ CREDIT_CARD: 1 });
    expect(await found('amex 3782 822463 10005 and 378282246310005')).toEqual({ CREDIT_CARD: 2 });
    expect(await found('5555555555554444 exp 12/29')).toEqual({ CREDIT_CARD: 1 });
    expect(await found('4111 1111 1111 1112')).toEqual({});
    expect(await found('2024-01-15 2024-01-16')).toEqual({});
    expect(await found('4111 1111-1111 1111')).toEqual({});
  });

  it('finds IBANs that pass mod-97, grouped or not', async () => {
    expect(await found('pay DE89 3704 0044 0532 0130 00 now')).toEqual({ IBAN_CODE: 1 });
    expect(await found('GB82WEST12345698765432')).toEqual({ IBAN_CODE: 1 });
    expect(await found('DE88 3704 0044 0532 0130 00')).toEqual({});
    expect(await found('AB12CDEFGHIJKLMNOPQR')).toEqual({});
  });

  it('finds SSN-like ids but not never-issued ones', async () => {
    expect(await found('ssn 123-45-6789')).toEqual({ SSN: 1 });
    for (const text of ['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '123-45-0000', '1123-45-6789']) expect(await found(text), text).toEqual({});
    // Also the shape of a national phone number: written as an SSN, it counts as one.
    expect(await found('012-34-5678')).toEqual({ SSN: 1 });
  });

  it('finds IPv4 and IPv6 addresses, not versions, times, MACs or code', async () => {
    expect(await found('hosts 192.168.1.10, 8.8.8.8.')).toEqual({ IP_ADDRESS: 2 });
    expect(await found('fe80::1 and 2001:db8:85a3::8a2e:370:7334 and 2001:0db8:0000:0000:0000:ff00:0042:8329 and ::ffff:192.0.2.1')).toEqual({ IP_ADDRESS: 4 });
    for (const text of ['256.1.1.1', '1.2.3.4.5', 'at 12:30:45', 'mac 00:1A:2B:3C:4D:5E', 'x[1::2]', 'std::vector', 'a::b']) expect(await found(text), text).toEqual({});
  });

  it('looks only for the categories asked for', async () => {
    expect(await found('jane@example.com 123-45-6789', ['SSN'])).toEqual({ SSN: 1 });
  });

  it('with redact passes and masks every finding in every segment, keeping the rest of the text', async () => {
    const segments = ['Support: help@example.com', 'I am Jane, card 4111 1111 1111 1111, call +1 202-555-0143.'];
    const result = await runChecked(pii, safetyContext({ text: segments[1], segments }), { redact: true });
    expect(result.verdict).toBe(true);
    expect(result.transformedSegments).toEqual(['Support: [REDACTED_EMAIL_ADDRESS]', 'I am Jane, card [REDACTED_CREDIT_CARD], call [REDACTED_PHONE_NUMBER].']);
    expect(result.data).toMatchObject({ found: { EMAIL_ADDRESS: 1, CREDIT_CARD: 1, PHONE_NUMBER: 1 }, redacted: true });
  });

  it('with redact and nothing found rewrites nothing, so the body goes on as it came', async () => {
    const result = await runChecked(pii, safetyContext({ text: 'Nothing personal here.' }), { redact: true });
    expect(result.verdict).toBe(true);
    expect(result.transformedSegments).toBeUndefined();
  });

  it('drops a trailing number that spoils a card, and masks an IP inside an IPv6 address once', async () => {
    expect(await redact('card 4111 1111 1111 1111 2024')).toBe('card [REDACTED_CREDIT_CARD] 2024');
    expect(await redact('from ::ffff:192.0.2.1 ok')).toBe('from [REDACTED_IP_ADDRESS] ok');
  });

  it('refuses categories it does not find (names and addresses need a model) and unknown parameters', () => {
    expect(pii.validate!({ categories: ['NAME'] })).toMatch('Unknown: "NAME"');
    expect(pii.validate!({ categories: [] })).toMatch("'categories' must be a non-empty list");
    expect(pii.validate!({ redact: 'yes' })).toMatch("'redact' must be true or false");
    expect(pii.validate!({ mask: true })).toMatch("unknown parameter 'mask'");
    // A rewrite only with redact: the gateway copies a body, or refuses a streamed output, only then.
    const mutates = pii.mutates as (parameters: Record<string, unknown>) => boolean;
    expect([mutates({ redact: true }), mutates({ redact: false }), mutates({})]).toEqual([true, false, false]);
  });
});

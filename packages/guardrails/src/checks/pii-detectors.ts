/**
 * The PII `default.pii` finds, by category (the category names are those of Portkey's `portkey.pii`
 * check, so a list of categories carries over). Each detector is a pattern that only starts at a
 * word boundary plus a check in code of what a pattern cannot say (a Luhn or mod-97 checksum, the
 * grouping of digits); see findings.ts for why every pattern is linear.
 */
import { type Detector, scan } from './findings.js';

// --- EMAIL_ADDRESS: local part (at most 64 characters, RFC 5321) @ dotted domain with a letters-only top-level label.
const emailPattern = /(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
const topLevelLabel = /\.[A-Za-z]{2,63}$/;

const findEmails: Detector = (text, into) => scan(emailPattern, text, 'EMAIL_ADDRESS', into, (match) => topLevelLabel.test(match[0]));

// --- PHONE_NUMBER. A run of digits alone (an order id, a timestamp) is never a phone number: it
// needs a leading `+` (international), or separators in the groupings of North American numbers
// (202-555-0143, (202) 555-0143, 202.555.0143), or a trunk `0` (not `00`) and at least two groups
// split by one kind of separator (020 7946 0958, 06 12 34 56 78). Neither of the last two starts
// inside a longer row of digit groups (a table of numbers, the digits of an account number).
const internationalPhone = /(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]?\(\d{1,4}\)|[ .-]\d{1,6}|(?<=\))\d{1,6}){1,7}(?!\w)|(?<![\w+])\+[1-9]\d{7,14}(?!\d)/g;
const northAmericanPhone = /(?<![\w+]|\d[ .-])(?:\+?1[ .-]?)?(?:\([2-9]\d\d\)[ .-]?|[2-9]\d\d[ .-])[2-9]\d\d[ .-]\d{4}(?!\w)/g;
const nationalPhone = /(?<![\w+.-]|\d[ .-])0[1-9]\d{0,3}([ .-])\d{2,4}(?:\1\d{2,4}){1,3}(?!\w|[.-]\d)/g;

function digitCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) >= 48 && text.charCodeAt(index) <= 57) count++;
  return count;
}

const findPhones: Detector = (text, into) => {
  // E.164 numbers have at most 15 digits; a decimal list like "+5.5 10.2" mixes dots and spaces.
  scan(internationalPhone, text, 'PHONE_NUMBER', into, ([match]) => digitCount(match) >= 8 && digitCount(match) <= 15 && !(match.includes('.') && match.includes(' ')));
  scan(northAmericanPhone, text, 'PHONE_NUMBER', into);
  scan(nationalPhone, text, 'PHONE_NUMBER', into, ([match]) => digitCount(match) >= 9 && digitCount(match) <= 11);
};

// --- CREDIT_CARD: 13 to 19 digits starting 2-6 (the card networks' ranges), ungrouped or in groups
// of four (Amex 4-6-5, Diners 4-6-4) split by one kind of separator, passing the Luhn checksum.
const cardPattern = /(?<![\w.])[2-6]\d{3}(?:[ -]?\d){9,15}(?!\w)/g;

/** Whether the digits of `text` before `end` (separators skipped) pass the Luhn checksum. */
export function passesLuhn(text: string, end = text.length): boolean {
  let sum = 0;
  let double = false;
  for (let index = end - 1; index >= 0; index--) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) continue;
    let digit = code - 48;
    if (double) digit = digit > 4 ? digit * 2 - 9 : digit * 2;
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * The groups of a candidate split by one kind of separator: where each ends and how long it is.
 * Undefined when two kinds of separator are mixed.
 */
function groupsOf(candidate: string, separators: string): { ends: number[]; sizes: number[] } | undefined {
  const ends: number[] = [];
  const sizes: number[] = [];
  let used = '';
  let size = 0;
  for (let index = 0; index < candidate.length; index++) {
    const character = candidate[index];
    if (!separators.includes(character)) {
      size++;
      continue;
    }
    if (used !== '' && used !== character) return undefined;
    used = character;
    ends.push(index);
    sizes.push(size);
    size = 0;
  }
  ends.push(candidate.length);
  sizes.push(size);
  return { ends, sizes };
}

/** Ungrouped, or groups of four (the last may be shorter), or Amex 4-6-5, or Diners 4-6-4. */
function cardGrouping(sizes: readonly number[], count: number): boolean {
  if (count === 1) return true;
  if (count === 3 && sizes[0] === 4 && sizes[1] === 6 && (sizes[2] === 5 || sizes[2] === 4)) return true;
  for (let index = 0; index < count - 1; index++) if (sizes[index] !== 4) return false;
  return sizes[count - 1] <= 4;
}

/** The length of the card number at the start of `candidate`, or false. A trailing group that spoils it (a year after the number) is dropped. */
function cardLength(candidate: string): number | false {
  const groups = groupsOf(candidate, ' -');
  if (!groups) return false;
  let digits = candidate.length - (groups.ends.length - 1);
  for (let count = groups.ends.length; count >= 1; count--) {
    if (digits >= 13 && digits <= 19 && cardGrouping(groups.sizes, count) && passesLuhn(candidate, groups.ends[count - 1])) return groups.ends[count - 1];
    digits -= groups.sizes[count - 1];
  }
  return false;
}

const findCards: Detector = (text, into) => scan(cardPattern, text, 'CREDIT_CARD', into, ([match]) => cardLength(match));

// --- IBAN_CODE: country letters, check digits, 11 to 30 letters or digits (15 to 34 in all),
// ungrouped or in groups of four, passing the ISO 13616 mod-97 check.
const ibanPattern = /(?<!\w)[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?!\w)/g;

function ibanRemainder(text: string, from: number, to: number, remainder: number): number {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 32) continue;
    remainder = code <= 57 ? (remainder * 10 + (code - 48)) % 97 : (remainder * 100 + (code - 55)) % 97;
  }
  return remainder;
}

/** Whether `text` before `end` (spaces skipped) passes the ISO 13616 mod-97 check: the first four characters moved to the end, letters as 10 to 35. */
export function passesIbanChecksum(text: string, end = text.length): boolean {
  const check = (text.charCodeAt(2) - 48) * 10 + (text.charCodeAt(3) - 48);
  // 98 - (n mod 97) is never 00, 01 or 99.
  if (check < 2 || check > 98) return false;
  return ibanRemainder(text, 0, 4, ibanRemainder(text, 4, end, 0)) === 1;
}

function ibanLength(candidate: string): number | false {
  const groups = groupsOf(candidate, ' ')!;
  let length = candidate.length - (groups.ends.length - 1);
  for (let count = groups.ends.length; count >= 1; count--) {
    let grouped = true;
    for (let index = 0; index < count - 1; index++) if (groups.sizes[index] !== 4) grouped = false;
    if (length >= 15 && length <= 34 && grouped && passesIbanChecksum(candidate, groups.ends[count - 1])) return groups.ends[count - 1];
    length -= groups.sizes[count - 1];
  }
  return false;
}

const findIbans: Detector = (text, into) => scan(ibanPattern, text, 'IBAN_CODE', into, ([match]) => ibanLength(match));

// --- SSN: ###-##-#### as US Social Security numbers are written, without the never-issued area
// numbers 000, 666 and 900-999, group 00 or serial 0000.
const ssnPattern = /(?<![\w-])(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g;

const findSsns: Detector = (text, into) => scan(ssnPattern, text, 'SSN', into);

// --- IP_ADDRESS: dotted IPv4 (octets 0-255, no leading zeros; not inside a longer dotted number)
// and IPv6 in its full, compressed (::) and IPv4-suffixed forms.
const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4Pattern = new RegExp(`(?<![\\w.])(?:${octet}\\.){3}${octet}(?!\\w|\\.\\d)`, 'g');
const ipv4Exact = new RegExp(`^(?:${octet}\\.){3}${octet}$`);
// A run of hex digits, colons and dots with a colon in its first five characters; checked in code.
const ipv6Candidate = /(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:.]{2,45}/g;
const hexGroup = /^[0-9A-Fa-f]{1,4}$/;

export function isIpv6(candidate: string): boolean {
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let count = 0;
  for (const [index, group] of groups.entries()) {
    if (index === groups.length - 1 && group.includes('.')) {
      if (!ipv4Exact.test(group)) return false;
      count += 2;
    } else if (hexGroup.test(group)) count += 1;
    else return false;
  }
  if (halves.length === 1) return count === 8;
  // A compressed form also reads as code (`x[1::2]`, `a::b`): it needs a group of three or more
  // hex digits, as real prefixes have (fe80::1, 2001:db8::1).
  return count <= 7 && groups.some((group) => group.length >= 3);
}

const findIps: Detector = (text, into) => {
  scan(ipv4Pattern, text, 'IP_ADDRESS', into);
  scan(ipv6Candidate, text, 'IP_ADDRESS', into, (match) => {
    const after = text.charCodeAt(match.index + match[0].length);
    // Still running past 45 characters, or into a word: not an address.
    if (after === 58 || after === 46 || (after >= 48 && after <= 57) || (after >= 65 && after <= 90) || (after >= 97 && after <= 122) || after === 95) return false;
    // A sentence may end right after the address.
    const address = match[0].replace(/\.+$/, '');
    return isIpv6(address) ? address.length : false;
  });
};

/**
 * When two categories claim the same text, the one listed first wins: phone numbers come last, so
 * "012-34-5678" counts as the SSN it is written as.
 */
export const piiDetectors: Readonly<Record<string, Detector>> = {
  EMAIL_ADDRESS: findEmails,
  SSN: findSsns,
  CREDIT_CARD: findCards,
  IBAN_CODE: findIbans,
  IP_ADDRESS: findIps,
  PHONE_NUMBER: findPhones,
};

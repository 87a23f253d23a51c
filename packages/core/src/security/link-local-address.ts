/**
 * Whether an IP address is one the gateway must never connect to on a client's behalf: link-local
 * addresses and the cloud-metadata services that live there (or next to them). Core checks a
 * custom host's literal address with it; a runtime that resolves names itself (Node) checks every
 * address a name resolves to with it, so a name pointing at 169.254.169.254 is refused as well.
 *
 * IPv6 text is parsed into its eight groups, not matched as text: the same address has many
 * spellings (`::ffff:169.254.169.254`, `::ffff:a9fe:a9fe`, `0:0:0:0:0:ffff:a9fe:a9fe`), and each
 * IPv6 form that carries an IPv4 address inside is checked for the IPv4 address it carries.
 */

/** Cloud-metadata IPv4 addresses outside 169.254.0.0/16: Alibaba Cloud's. */
const metadataIPv4 = new Set([ipv4Number(100, 100, 100, 200)]);

/** AWS's instance metadata service over IPv6 (fd00:ec2::254), outside fe80::/10. */
const awsMetadataIPv6 = [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254];

function ipv4Number(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** A dotted quad (`169.254.169.254`, the only IPv4 form URL parsing and DNS hand over) as a number. */
function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

function isLinkLocalOrMetadataIPv4(address: number): boolean {
  return address >>> 16 === 0xa9fe || metadataIPv4.has(address);
}

/**
 * An IPv6 address as its eight 16-bit groups, or undefined when the text is not one. Takes the
 * forms URLs and resolvers use: brackets, `::` for a run of zero groups, a trailing dotted quad
 * for the last two groups, and a zone (`%eth0`), which does not change the address.
 */
function parseIPv6(text: string): number[] | undefined {
  let address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = address.indexOf('%');
  if (zone !== -1) address = address.slice(0, zone);
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1], true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
}

/** Colon-separated groups; the last may be a dotted quad when `mayEndWithIPv4` (nothing follows). */
function parseGroups(text: string, mayEndWithIPv4: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index];
    if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(parseInt(part, 16));
      continue;
    }
    const ipv4 = mayEndWithIPv4 && index === parts.length - 1 ? parseIPv4(part) : undefined;
    if (ipv4 === undefined) return undefined;
    groups.push(ipv4 >>> 16, ipv4 & 0xffff);
  }
  return groups;
}

/** The four bytes from `firstByte` on, skipping byte 8 (bits 64-71, reserved by RFC 6052). */
function embeddedIPv4(bytes: number[], firstByte: number): number {
  const taken: number[] = [];
  for (let index = firstByte; taken.length < 4; index += 1) if (index !== 8) taken.push(bytes[index]);
  return ipv4Number(taken[0], taken[1], taken[2], taken[3]);
}

/** Every IPv4 address this IPv6 address carries inside, by the standard ways of embedding one. */
function embeddedIPv4Addresses(groups: number[]): number[] {
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  const last32 = ((groups[6] << 16) | groups[7]) >>> 0;
  const found: number[] = [];
  if (zeros(0, 6)) found.push(last32); // ::a.b.c.d, IPv4-compatible (::/96)
  if (zeros(0, 5) && groups[5] === 0xffff) found.push(last32); // ::ffff:a.b.c.d, IPv4-mapped
  if (zeros(0, 4) && groups[4] === 0xffff && groups[5] === 0) found.push(last32); // ::ffff:0:a.b.c.d, IPv4-translated (RFC 2765)
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) found.push(last32); // 64:ff9b::/96, NAT64 (RFC 6052)
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups[2] === 1) {
    // 64:ff9b:1::/48, local-use NAT64 (RFC 8215): the IPv4 address sits where the network's prefix
    // length (48, 56, 64 or 96 bits) puts it, so every one of those places is checked.
    const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
    for (const firstByte of [6, 7, 9, 12]) found.push(embeddedIPv4(bytes, firstByte));
  }
  if (groups[0] === 0x2002) found.push(((groups[1] << 16) | groups[2]) >>> 0); // 2002::/16, 6to4
  return found;
}

/**
 * True when `address` (IPv4 dotted quad or IPv6 text, with or without brackets) is link-local or a
 * cloud-metadata address: 169.254.0.0/16, fe80::/10, AWS's fd00:ec2::254, Alibaba Cloud's
 * 100.100.100.200, or an IPv6 form that embeds one of those IPv4 addresses (IPv4-compatible,
 * -mapped and -translated, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4). False for anything else,
 * including text that is not an IP address (a hostname).
 *
 * @example
 * isLinkLocalOrMetadataAddress('169.254.169.254'); // true
 * isLinkLocalOrMetadataAddress('[64:ff9b::a9fe:a9fe]'); // true
 * isLinkLocalOrMetadataAddress('10.0.0.5'); // false: private networks are the allowlist's business
 */
export function isLinkLocalOrMetadataAddress(address: string): boolean {
  const ipv4 = parseIPv4(address);
  if (ipv4 !== undefined) return isLinkLocalOrMetadataIPv4(ipv4);
  const groups = address.includes(':') ? parseIPv6(address) : undefined;
  if (!groups) return false;
  if ((groups[0] & 0xffc0) === 0xfe80) return true; // fe80::/10
  if (groups.every((group, index) => group === awsMetadataIPv6[index])) return true;
  return embeddedIPv4Addresses(groups).some(isLinkLocalOrMetadataIPv4);
}

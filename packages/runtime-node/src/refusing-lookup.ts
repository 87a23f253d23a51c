/**
 * The name lookup of every upstream connection, refusing link-local and cloud-metadata addresses.
 *
 * Core refuses such custom hosts when they are written as addresses, but a name is only an
 * address once it is resolved: `metadata.attacker.example` may resolve to 169.254.169.254, and
 * resolve differently tomorrow. Checking the addresses the connection is about to use (not an
 * earlier, separate lookup) leaves no window for the name to change in between. Node skips the
 * lookup for a literal address, which core's check covers.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isLinkLocalOrMetadataAddress } from '@ai-gateway/core';

/** A connection the gateway refused to open, naming the host and the address it resolved to. */
export class UpstreamAddressRefusedError extends Error {
  readonly code = 'ERR_UPSTREAM_ADDRESS_REFUSED';

  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, a link-local or cloud-metadata address, which the gateway does not connect to`);
    this.name = 'UpstreamAddressRefusedError';
  }
}

/**
 * Wraps `lookup` (by default `dns.lookup`) so that a name resolving to any link-local or
 * cloud-metadata address fails the connection with an `UpstreamAddressRefusedError`. Works with
 * both shapes net asks for: one address, or all of them (`all: true`, which Node's happy-eyeballs
 * connection uses); when any of them is refused, the name is.
 */
export function refusingLinkLocalLookup(lookup: LookupFunction = dnsLookup as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      const refused = addresses.find((candidate) => isLinkLocalOrMetadataAddress(candidate));
      if (refused !== undefined) return callback(new UpstreamAddressRefusedError(hostname, refused), Array.isArray(address) ? [] : '', family);
      callback(null, address, family);
    });
  };
}

/** The refusal inside a failed request, whether undici reports it as is or as a fetch's cause. */
export function addressRefusalOf(error: unknown): UpstreamAddressRefusedError | undefined {
  if (error instanceof UpstreamAddressRefusedError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof UpstreamAddressRefusedError ? cause : undefined;
}

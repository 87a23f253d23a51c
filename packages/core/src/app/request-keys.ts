/**
 * Gateway keys on the request path (docs/access.md): the key first (a client without one learns
 * nothing of the gateway, not even a 400), then what it brings to the request (its metadata, the
 * record's key id, the settlement of its limits), then its allowances, rate limits and budget once
 * the body is read. With no key in the store and keys not required, nothing is awaited.
 */
import { withFields } from '@ai-gateway/provider-utils';
import type { JsonObject, PriceLookupV1 } from '@ai-gateway/spec';
import type { GatewayAccess, KeyGrant } from '../access/gateway-access.js';
import { requestFacts } from '../access/request-facts.js';
import type { VirtualKeys } from '../access/virtual-keys.js';
import type { ServerConfig } from '../config/server-config.js';
import type { RecordDraft } from '../record/record-draft.js';
import type { RequestOptions } from '../request/portkey-headers.js';

export interface RequestKeys {
  /** The request's key when requests need one (401 without); undefined while none exists. */
  grantOf(headers: Headers): Promise<KeyGrant | undefined> | undefined;
  /**
   * Sets the provider key the request brings: its header's, else its client format's
   * (`x-api-key`, `Authorization`), never the gateway key itself.
   */
  takeProviderKey(requestOptions: RequestOptions, grant: KeyGrant | undefined, ingressKey: string | undefined): void;
  /** The key's metadata over the client's own (a client cannot pass for another team), its id on the record, and its settlement. */
  attach(grant: KeyGrant, requestOptions: RequestOptions, record: RecordDraft | undefined): void;
  /** What the request names against the key's allowances, then its rate limits and budget (403, 429, 402). */
  admit(grant: KeyGrant, requestOptions: RequestOptions, json: JsonObject | null, bodyBytes: number): Promise<void>;
}

/** Who a stored conversation belongs to: the provider key, else the gateway key that made it. */
export function conversationOwner(requestOptions: RequestOptions, grant: KeyGrant | undefined): string | undefined {
  return requestOptions.apiKey ?? (grant ? `gateway-key:${grant.known.key.id}` : undefined);
}

export function createRequestKeys(
  access: GatewayAccess | undefined,
  virtualKeys: VirtualKeys | undefined,
  serverConfig: () => ServerConfig,
  priceLookup: PriceLookupV1 | undefined,
): RequestKeys {
  return {
    grantOf(headers) {
      const on = access?.isOn();
      if (on === undefined || on === false) return undefined;
      return on === true ? access!.authenticate(headers) : on.then((isOn) => (isOn ? access!.authenticate(headers) : undefined));
    },
    takeProviderKey(requestOptions, grant, ingressKey) {
      // A gateway key is the gateway's: it never goes upstream as a provider key.
      if (grant && requestOptions.apiKey === grant.secret) requestOptions.apiKey = undefined;
      if (ingressKey !== grant?.secret) requestOptions.apiKey ??= ingressKey;
    },
    attach(grant, requestOptions, record) {
      const keyMetadata = grant.known.key.metadata;
      if (keyMetadata) requestOptions.metadata = withFields(requestOptions.metadata, keyMetadata);
      if (record) {
        record.keyId = grant.known.key.id;
        record.onRecord = (built) => access!.settle(grant, built);
      }
    },
    async admit(grant, requestOptions, json, bodyBytes) {
      // A virtual key named by header is the request's provider when nothing else names one: its budget is priced by it.
      const named = requestOptions.virtualKey && !requestOptions.provider && !requestOptions.config ? await virtualKeys?.resolve(requestOptions.virtualKey) : undefined;
      await access!.admit(grant, requestFacts(requestOptions, json, bodyBytes, serverConfig(), priceLookup, named?.provider));
    },
  };
}

/**
 * What a request cost: the gateway asks a price lookup after the answer, off the request path.
 * Core carries no price table (its bundle stays small); a runtime gives one built from a maintained
 * dataset, with the operator's own prices over it.
 */
import type { TokenUsageV1 } from './request-record.js';

/**
 * The estimated cost in US dollars of `tokens` on `model` at `provider` (the gateway's provider id,
 * e.g. `openai`, `anthropic`, `bedrock`), with cached and reasoning tokens priced as that provider
 * prices them. Undefined or null when the price is not known: the record then says `cost: null`.
 */
export type PriceLookupV1 = (provider: string, model: string, tokens: TokenUsageV1, time: number) => number | null | undefined;

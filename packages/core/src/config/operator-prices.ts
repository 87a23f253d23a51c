/**
 * The operator's own prices, from the config file's `prices` section: they go before the price
 * dataset's, for a negotiated discount, a fine-tuned or self-hosted model, or a model the dataset
 * does not know yet. Prices are US dollars per million tokens.
 *
 * ```json
 * "prices": {
 *   "openai/gpt-4o": { "input": 2.5, "output": 10, "cached_input": 1.25 },
 *   "acme/my-model": { "input": 0.2, "output": 0.6 },
 *   "ollama/*": { "input": 0, "output": 0 }
 * }
 * ```
 */
import * as v from 'valibot';

export interface OperatorPrice {
  /** US dollars per million input tokens (those not read from a prompt cache). */
  input: number;
  /** US dollars per million output tokens (those not spent on reasoning). */
  output: number;
  /** Per million input tokens read from the provider's prompt cache; `input` when not given. */
  cached_input?: number;
  /** Per million reasoning tokens; `output` when not given (as OpenAI, Anthropic and Google bill them). */
  reasoning?: number;
}

/** Prices by `provider/model` (the gateway's provider id, then the model as requests name it), or `provider/*` for every model of a provider. */
export type PriceOverrides = Readonly<Record<string, OperatorPrice>>;

const priceFields = ['input', 'output', 'cached_input', 'reasoning'];

const perMillion = v.pipe(
  v.number('expected a number (US dollars per million tokens)'),
  v.finite('expected a finite number'),
  v.minValue(0, 'a price is 0 or more'),
);

const priceSchema = v.strictObject(
  { input: perMillion, output: perMillion, cached_input: v.optional(perMillion), reasoning: v.optional(perMillion) },
  (issue) => {
    if (issue.expected === 'never') return `unknown field (a price has ${priceFields.map((field) => `"${field}"`).join(', ')})`;
    if (issue.received === 'undefined') return 'is required';
    return 'expected an object such as { "input": 2.5, "output": 10 }';
  },
);

const pricesSchema = v.record(v.pipe(v.string(), v.regex(/^[^/]+\/.+$/, 'a price is named "provider/model" (or "provider/*")')), priceSchema);

/** `prices["openai/gpt-4o"].input`: names in brackets, since model names hold dots and slashes. */
function formatPath(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => String((item as { key: unknown }).key));
  const [name, ...fields] = keys;
  return name === undefined ? 'prices' : `prices[${JSON.stringify(name)}]${fields.map((field) => `.${field}`).join('')}`;
}

/** Validates the `prices` section of a config file; throws naming the field. */
export function parsePriceOverrides(value: unknown): PriceOverrides {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`'prices' must be an object of prices by "provider/model", such as { "openai/gpt-4o": { "input": 2.5, "output": 10 } }`);
  }
  const result = v.safeParse(pricesSchema, value);
  if (!result.success) {
    const issue = result.issues[0];
    throw new Error(`'${formatPath(issue)}': ${issue.message}`);
  }
  return result.output;
}

/** The operator's price for a model: `provider/model`, else `provider/*`. */
export function findOperatorPrice(prices: PriceOverrides, provider: string, model: string | null): OperatorPrice | undefined {
  if (model !== null) {
    const key = `${provider}/${model}`;
    if (Object.hasOwn(prices, key)) return prices[key];
  }
  const wildcard = `${provider}/*`;
  return Object.hasOwn(prices, wildcard) ? prices[wildcard] : undefined;
}

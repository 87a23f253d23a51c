/**
 * `default.validUrls` (`onlyDNS`, `not`): passes when every http(s) URL in the text is well formed:
 * the URL parses, and its host is an IP address or a domain name with a top-level domain
 * (`example.com`, `例え.jp`; not `malformed.123`, `-bad-.com` or `localhost`). A text without URLs
 * passes (Portkey's fails it).
 *
 * Portkey's check goes further: it sends a HEAD request to every URL, or with `onlyDNS` asks a DNS
 * over HTTPS resolver for every host. This one makes no call, and reads `onlyDNS` only to accept
 * Portkey's configs: the URLs of an answer are chosen by the model, and so by whoever wrote the
 * prompt, so fetching them would let a request make the gateway call any host it names (internal
 * ones included, from the gateway's network), leak which URLs an answer held to their hosts, and
 * wait on the slowest of them before answering. Whether a host exists is not decided here.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, onlyKnown, optionalBoolean } from '../parameters.js';
import { applyNot } from './not-parameter.js';

const maxReportedUrls = 10;
/** An http(s) URL up to white space, quotes, brackets, backticks or a comma, as Portkey finds them. */
const urlInText = /\bhttps?:\/\/[^\s"'<>{}[\]`,]+/gi;
const trailingPunctuation = /[.;:!?*]/;
const domainLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const topLevelDomain = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const dottedQuad = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function count(text: string, character: string): number {
  let found = 0;
  for (const each of text) if (each === character) found++;
  return found;
}

/** The URL without the sentence's punctuation after it, or a closing bracket it did not open. */
function trimmed(url: string): string {
  const opened = count(url, '(');
  let closed = count(url, ')');
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1];
    if (trailingPunctuation.test(last)) end--;
    else if (last === ')' && closed > opened) {
      end--;
      closed--;
    } else break;
  }
  return url.slice(0, end);
}

/** The host as written: after `//`, before the path, without credentials or port. */
function writtenHost(url: string): string {
  const authority = url.slice(url.indexOf('//') + 2).split(/[/?#]/)[0];
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
}

export function isWellFormedUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = writtenHost(url);
  if (host.startsWith('[')) return true; // IPv6, checked by the parser
  if (dottedQuad.test(host)) return true;
  // The parser has lowercased the name and written an international one in punycode.
  const labels = parsed.hostname.replace(/\.$/, '').split('.');
  return labels.length >= 2 && labels.every((label) => domainLabel.test(label)) && topLevelDomain.test(labels[labels.length - 1]);
}

export function urlsIn(text: string): string[] {
  return Array.from(text.matchAll(urlInText), (match) => trimmed(match[0]));
}

export const validUrls: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.validUrls',
  validate(parameters) {
    return firstProblem(onlyKnown(parameters, ['onlyDNS', 'not']), optionalBoolean(parameters, 'onlyDNS'), optionalBoolean(parameters, 'not'));
  },
  run(context, parameters: Readonly<JsonObject>) {
    const urls = urlsIn(context.text);
    const invalid = urls.filter((url) => !isWellFormedUrl(url));
    return {
      verdict: applyNot(invalid.length === 0, parameters),
      data: { not: parameters.not === true, validationMethod: 'syntax', urlCount: urls.length, invalidCount: invalid.length, invalidUrls: invalid.slice(0, maxReportedUrls) },
    };
  },
};

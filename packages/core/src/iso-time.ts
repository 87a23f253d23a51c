/**
 * `new Date(milliseconds).toISOString()`, for the times every request writes (a record's `time`, a
 * guardrail's `created_at`). V8 formats an ISO date through `snprintf`, a few thousand instructions
 * a call; requests of the same second share everything up to the milliseconds, so that part is
 * formatted once a second and the milliseconds are appended.
 */
let cachedSecond = Number.NaN;
/** `YYYY-MM-DDTHH:mm:ss.` of `cachedSecond`. */
let cachedPrefix = '';

export function isoTime(milliseconds: number): string {
  if (!Number.isInteger(milliseconds)) return new Date(milliseconds).toISOString();
  const second = Math.floor(milliseconds / 1000);
  if (second !== cachedSecond) {
    // Only the milliseconds and the `Z` are cut: the date may be of a year with more digits.
    const formatted = new Date(second * 1000).toISOString();
    cachedPrefix = formatted.slice(0, -4);
    cachedSecond = second;
  }
  const millisecond = milliseconds - second * 1000;
  return `${cachedPrefix}${millisecond < 10 ? '00' : millisecond < 100 ? '0' : ''}${millisecond}Z`;
}

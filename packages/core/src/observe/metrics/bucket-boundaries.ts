/**
 * Histogram bucket boundaries. The OpenTelemetry GenAI semantic conventions recommend these for
 * `gen_ai.client.operation.duration` (and `gen_ai.client.operation.time_to_first_chunk`) and for
 * `gen_ai.client.token.usage`; using them keeps the gateway's histograms comparable with those of
 * other GenAI instrumentation.
 */

/** Seconds: 10 ms doubling up to about 82 s. */
export const durationBucketsSeconds: readonly number[] = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

/** Tokens: powers of 4 from 1 to 4^13 (about 67 million). */
export const tokenBuckets: readonly number[] = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

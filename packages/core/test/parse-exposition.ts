/**
 * The Prometheus text parser of @ai-gateway/testing, by its path: the testing package depends on
 * core, so core's own tests cannot list it as a dependency.
 */
export { parseExposition, type Exposition, type HistogramSeries, type Sample } from '../../testing/src/prometheus-exposition.js';

import { describe, expect, it } from 'vitest';
import type { GatewayLogger } from '../logger.js';
import type { CachedAnswer, CacheStore } from '@ai-gateway/spec';
import { createResponseCache } from './response-cache.js';

function recordingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const logger: GatewayLogger = {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
  };
  return { logger, lines };
}

/** A store that fails while `down` is true, and counts how often it was asked. */
function flakyStore() {
  const entries = new Map<string, CachedAnswer>();
  const state = { down: true, calls: 0 };
  const store: CacheStore = {
    name: 'flaky',
    async get(key) {
      state.calls += 1;
      if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      return entries.get(key);
    },
    async set(key, answer) {
      state.calls += 1;
      if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      entries.set(key, answer);
    },
  };
  return { store, state };
}

const answer: CachedAnswer = { status: 200, contentType: 'application/json', body: new Uint8Array([123, 125]) };

describe('response cache over a failing store', () => {
  it('turns failures into misses and dropped writes, and reports them at most once per interval', async () => {
    let time = 0;
    const { store, state } = flakyStore();
    const { logger, lines } = recordingLogger();
    const cache = createResponseCache({ store, logger, now: () => time, failureReportIntervalMs: 60_000, pauseAfterFailureMs: 1_000 });

    for (let request = 0; request < 20; request += 1) {
      expect(await cache.get('k')).toBeUndefined();
      await expect(cache.set('k', answer, 1_000)).resolves.toBeUndefined();
      time += 200;
    }
    const warnings = lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain('[cache] [flaky]');
    expect(warnings[0].fields?.error).toContain('ECONNREFUSED');

    // Paused after each failure: 20 requests over 4 s asked the failing store only a few times.
    expect(state.calls).toBeLessThanOrEqual(8);

    time += 60_000;
    await cache.get('k');
    const later = lines.filter((line) => line.level === 'warn');
    expect(later).toHaveLength(2);
    expect(later[1].fields?.failuresSinceLastReport).toBeGreaterThan(0);
  });

  it('uses the store again once it works, and says so', async () => {
    let time = 0;
    const { store, state } = flakyStore();
    const { logger, lines } = recordingLogger();
    const cache = createResponseCache({ store, logger, now: () => time, pauseAfterFailureMs: 1_000 });
    await cache.get('k');
    state.down = false;
    await cache.set('k', answer, 1_000);
    // Still paused: the write was dropped without asking the store.
    expect(state.calls).toBe(1);
    time += 1_000;
    await cache.set('k', answer, 1_000);
    expect(await cache.get('k')).toBe(answer);
    expect(lines.map((line) => line.level)).toEqual(['warn', 'info']);
  });

  it('creates its in-memory store only when first used', async () => {
    const { logger } = recordingLogger();
    const cache = createResponseCache({ logger });
    await cache.set('k', answer, 1_000);
    expect(await cache.get('k')).toBe(answer);
  });
});

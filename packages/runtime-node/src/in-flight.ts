import type { Server } from 'node:http';

export interface InFlightRequests {
  /** Runs `callback` once no request is in flight (at once if none is). */
  whenIdle(callback: () => void): void;
}

/** Counts requests between their arrival and their response's end, for graceful shutdown. */
export function trackInFlightRequests(server: Server): InFlightRequests {
  let count = 0;
  let waiting: (() => void)[] = [];
  server.on('request', (_request, response) => {
    count += 1;
    response.once('close', () => {
      count -= 1;
      if (count === 0 && waiting.length > 0) {
        const callbacks = waiting;
        waiting = [];
        for (const callback of callbacks) callback();
      }
    });
  });
  return {
    whenIdle(callback) {
      if (count === 0) callback();
      else waiting.push(callback);
    },
  };
}

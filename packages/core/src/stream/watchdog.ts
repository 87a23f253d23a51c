/**
 * Fires when nothing has happened for `timeoutMs`. Activity only stamps a number, so touching it
 * on every streamed chunk costs nothing; the one timer re-arms itself for the time still left.
 */
export interface Watchdog {
  touch(): void;
  stop(): void;
}

export function startWatchdog(timeoutMs: number, onExpire: () => void): Watchdog {
  let lastActivity = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const idle = Date.now() - lastActivity;
    if (idle >= timeoutMs) {
      timer = undefined;
      onExpire();
    } else {
      timer = setTimeout(check, timeoutMs - idle);
    }
  };
  timer = setTimeout(check, timeoutMs);
  return {
    touch() {
      lastActivity = Date.now();
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

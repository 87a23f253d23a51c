/** Where the gateway reports what operators should see (circuit changes, config reloads). */
export interface GatewayLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** One JSON line per event on the console; never includes keys (callers pass no secrets). */
export const consoleLogger: GatewayLogger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
  warn: (message, fields) => console.warn(JSON.stringify({ level: 'warn', message, ...fields })),
};

export const silentLogger: GatewayLogger = { info() {}, warn() {} };

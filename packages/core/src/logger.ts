import { redactFields, redactSecrets } from './security/redact.js';

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

/**
 * The logger the gateway writes to: every message and field is redacted (URL userinfo, query
 * values, bearer tokens) before the operator's logger sees it, so no secret in a custom host or
 * an error reaches a log line.
 */
export function redactingLogger(logger: GatewayLogger): GatewayLogger {
  return {
    info: (message, fields) => logger.info(redactSecrets(message), fields && (redactFields(fields) as Record<string, unknown>)),
    warn: (message, fields) => logger.warn(redactSecrets(message), fields && (redactFields(fields) as Record<string, unknown>)),
  };
}

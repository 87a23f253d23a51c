/** A gateway logger that keeps what it is told, for asserting what operators would see. */
import type { GatewayLogger } from '@ai-gateway/core';

export interface RecordedLogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

export function recordingLogger(): GatewayLogger & { lines: RecordedLogLine[] } {
  const lines: RecordedLogLine[] = [];
  return {
    lines,
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
  };
}

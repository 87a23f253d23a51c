/**
 * Where a server can be reached from: tests that check what a gateway listens on connect to it
 * through loopback and through this machine's own outside address.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

/** This machine's first IPv4 address that is not loopback, if it has one. */
export const outsideAddress: string | undefined = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

/** Whether a TCP connection to `host:port` opens ('connected') or how it fails (its error code, or 'timeout'). */
export function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, host, () => {
      socket.destroy();
      resolve('connected');
    });
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

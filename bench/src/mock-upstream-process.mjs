/**
 * Entry point of the mock upstream's own process (so its CPU is not the gateway's or the load
 * generator's). Options come as one JSON argument; the ports go back as one JSON line on stdout.
 */
import { startMockUpstream } from './mock-upstream.mjs';

const options = JSON.parse(process.argv[2] ?? '{}');
const mock = await startMockUpstream({
  streamChunks: options.streamChunks ?? 20,
  firstChunkDelayMs: options.firstChunkDelayMs ?? 20,
  chunkIntervalMs: options.chunkIntervalMs ?? 1,
  responseDelayMs: options.responseDelayMs ?? 0,
});
process.stdout.write(`${JSON.stringify({ ready: true, port: mock.port, failingPort: mock.failingPort })}\n`);

const stop = () => {
  mock.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The benchmark owns this process: when it goes away (even by a crash), so does the mock.
process.on('disconnect', stop);
process.stdin.on('end', stop);
process.stdin.resume();

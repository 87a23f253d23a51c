/**
 * What `ai-gateway keys` and `ai-gateway virtual-keys` share: `--help`, the key store the server
 * would use (same environment, so the same file or Redis), one line and exit code 2 for bad input,
 * and the store closed at the end.
 */
import type { AccessStoreV1 } from '@ai-gateway/core';
import { readGatewayEnvironment } from './environment.js';
import { nodeAccessStore } from './node-access.js';

/** Runs `run` against the store; resolves with the exit code. */
export async function runStoreCommand(
  name: string,
  usage: string,
  args: string[],
  environment: NodeJS.ProcessEnv,
  run: (store: AccessStoreV1, settings: ReturnType<typeof readGatewayEnvironment>['gatewayOptions']) => Promise<void>,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  let store: (AccessStoreV1 & { close(): Promise<void> }) | undefined;
  try {
    const settings = readGatewayEnvironment(environment).gatewayOptions;
    store = nodeAccessStore(settings);
    if (!store) throw new Error('no key store: set AI_GATEWAY_STATE_DB or AI_GATEWAY_REDIS_URL');
    await run(store, settings);
    return 0;
  } catch (error) {
    // Error messages name fields and settings, never a value: a secret given on the command line stays out of them.
    process.stderr.write(`[ai-gateway] ${name}: ${(error as Error).message.replace(/^\[ai-gateway\] /, '')}\n\n${usage}`);
    return 2;
  } finally {
    await store?.close().catch(() => {});
  }
}

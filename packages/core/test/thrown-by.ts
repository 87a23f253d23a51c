/** What a check throws, for tests that assert on the gateway's error rather than on a throw. */
import type { GatewayError } from '@ai-gateway/provider-utils';

/** What `run` throws, as the gateway's error; `undefined` when it throws nothing. */
export function thrownBy(run: () => unknown): GatewayError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error as GatewayError;
  }
}

/** What `run` throws, as the gateway's error; the test fails when it throws nothing. */
export function errorOf(run: () => unknown): GatewayError {
  const error = thrownBy(run);
  if (error === undefined) throw new Error('expected an error');
  return error;
}

/** The shared gateway behaviour suite on the deployable Worker in real workerd, its settings as the Worker's vars. */
import { describeGatewayBehaviour } from '@ai-gateway/testing';
import { startWorkerd } from './start-workerd.js';

describeGatewayBehaviour('workerd', (environment) => startWorkerd(environment), {
  // Under Miniflare a client that goes away is not passed on to the Worker: its request.signal
  // never aborts (not even with the enable_request_signal flag) and its subrequests keep running,
  // so whether a Worker stops the upstream call cannot be seen here.
  noClientDisconnect: "Miniflare's workerd does not pass a client's disconnect on to the Worker",
});

/** The deployable Worker: `dist/worker.bundle.js` is this file with everything bundled in. */
import { createWorker } from './create-worker.js';

export default createWorker();

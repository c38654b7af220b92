// The training thread: a thin shell that wires worker_threads' parentPort to the core session.
// Bundled to dist/worker.js and spawned by extension/train/workerHost.ts.

import { parentPort, workerData } from 'node:worker_threads';
import { watchInterrupts } from '../core/engine/interrupt';
import { TrainingSession } from '../core/services/session';

if (!parentPort) throw new Error('dist/worker.js must run as a worker_threads worker');
const port = parentPort;
// Set by the host when it sends `stop`: a long step is abandoned at its next matrix product.
watchInterrupts((workerData as { interrupt?: Int32Array } | undefined)?.interrupt);
const session = new TrainingSession((report, transfer) => port.postMessage(report, transfer));
port.on('message', (message: unknown) => session.handle(message));

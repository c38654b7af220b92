// The worker thread: a thin shell that wires worker_threads' parentPort to the jobs of
// core/services/session (train, gradcheck, export: core/services/protocol.ts). Bundled to
// dist/worker.js and spawned by extension/train/workerHost.ts, one thread per job.

import { parentPort, workerData } from 'node:worker_threads';
import { watchInterrupts } from '../core/engine/interrupt';
import { Jobs } from '../core/services/session/jobs';

if (!parentPort) throw new Error('dist/worker.js must run as a worker_threads worker');
const port = parentPort;
// Set by the host when it sends `stop`: a long step is abandoned at its next matrix product.
watchInterrupts((workerData as { interrupt?: Int32Array } | undefined)?.interrupt);
const jobs = new Jobs((report, transfer) => port.postMessage(report, transfer));
port.on('message', (message: unknown) => jobs.handle(message));

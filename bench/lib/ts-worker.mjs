// Runs a TypeScript module (workerData.module, a file URL) in a worker thread: tsx's loader is
// registered here, as `tsx` does for the main thread (workers do not inherit it).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);

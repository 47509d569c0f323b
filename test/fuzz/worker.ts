import { parentPort, workerData } from 'node:worker_threads';
import { STATUS, inputAt, isKnownOpen, runInput, type Chunk, type WorkerMessage } from './engine';
import { targetNamed } from './targets';

/**
 * A fuzzing worker: runs the inputs of the chunks it is sent and writes which one it is on into
 * shared memory before each, so the main thread can tell a stuck input from a slow chunk, kill the
 * worker and name the input without asking it.
 */
const { seed, skipKnownOpen, status } = workerData as { seed: number; skipKnownOpen: boolean; status: SharedArrayBuffer };
const slots = new Int32Array(status);

parentPort!.on('message', (chunk: Chunk) => {
  const target = targetNamed(chunk.target)!;
  for (let index = chunk.from; index < chunk.to; index++) {
    Atomics.store(slots, STATUS.index, index);
    Atomics.add(slots, STATUS.seq, 1);
    const input = inputAt(target, seed, index);
    if (skipKnownOpen && isKnownOpen(input)) {
      Atomics.add(slots, STATUS.skipped, 1);
      continue;
    }
    Atomics.add(slots, STATUS.tried, 1);
    const failure = runInput(target, input, index);
    // An input that finished just over the limit, before the watchdog looked, is a hang all the same.
    if (failure) parentPort!.postMessage({ type: 'failure', ...failure } satisfies WorkerMessage);
  }
  parentPort!.postMessage({ type: 'done' } satisfies WorkerMessage);
});

// Loading (and compiling) the targets takes a while; the watchdog starts counting from here.
parentPort!.postMessage({ type: 'ready' } satisfies WorkerMessage);

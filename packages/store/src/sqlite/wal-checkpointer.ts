import { Worker } from 'node:worker_threads';

/**
 * Moves WAL checkpoints off the writing thread. SQLite's own (automatic)
 * checkpoint runs inside the COMMIT that crosses its threshold, on the thread
 * that commits: measured in the timer bench (BENCHMARKS.md, timers at volume),
 * checkpoints took 3 of the 4–5 s that 157 commits cost while 10,000 timers
 * fired. A worker thread with its own connection checkpoints every
 * `intervalMs` instead, on the other core; PASSIVE never blocks the writer.
 * The writer keeps a high automatic threshold as a safety net, should the
 * thread fall behind or stop (SAFETY_NET_PAGES).
 */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

/** The writer's own automatic checkpoint, as a safety net: 10,000 pages, 40 MB of WAL. */
export const SAFETY_NET_PAGES = 10_000;

export function startWalCheckpointer(
  path: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): WalCheckpointer {
  const worker = new Worker(new URL('./wal-checkpointer.worker.mjs', import.meta.url), {
    workerData: { path, intervalMs: options.intervalMs ?? 500 },
  });
  // The process may end without stopping it (a CLI command that forgot to close the store).
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error) options.onError?.(message.error);
  });
  worker.on('error', (error) => options.onError?.(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Referenced again, or the process could end before the thread's exit is heard.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

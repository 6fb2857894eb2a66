import { Worker } from 'node:worker_threads';

/**
 * Moves WAL checkpoints off the writing thread. SQLite's own (automatic)
 * checkpoint runs inside the COMMIT that crosses its threshold, on the thread
 * that commits: measured in the timer bench (BENCHMARKS.md, timers at volume),
 * checkpoints took 3 of the 4–5 s that 157 commits cost while 10,000 timers
 * fired. A worker thread with its own connection checkpoints every
 * `intervalMs` (50 ms) instead, on the other core; PASSIVE never blocks the writer.
 * The writer keeps a high automatic threshold as a safety net, should the
 * thread fall behind or stop (SAFETY_NET_PAGES).
 */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

/** The writer's own automatic checkpoint, as a safety net: 10,000 pages, 40 MB of WAL. */
export const SAFETY_NET_PAGES = 10_000;

/**
 * How often the thread checkpoints. The safety net is not only for a stopped
 * thread: SQLite's threshold counts every frame in the WAL, copied or not, and
 * the WAL starts over only when a write begins with all of it copied. Under
 * steady writes that is the writer's own checkpoint, once per 10,000 frames,
 * copying what the thread has not. Every 500 ms the thread had copied little of
 * it, and the writer's checkpoints (with their fsyncs) took 7.6 % of its time
 * while 10,000 timers fired; every 50 ms, 2.5 %. A pass with nothing to copy
 * reads the WAL header and returns.
 */
const DEFAULT_INTERVAL_MS = 50;

export function startWalCheckpointer(
  path: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): WalCheckpointer {
  const worker = new Worker(new URL('./wal-checkpointer.worker.mjs', import.meta.url), {
    workerData: { path, intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS },
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

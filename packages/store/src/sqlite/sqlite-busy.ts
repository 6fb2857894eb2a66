/**
 * better-sqlite3 blocks the thread while SQLite's own busy handler waits for
 * another connection's write lock. If that other connection belongs to this
 * process and holds the lock across an await (an open transaction), a long
 * blocking wait would freeze the very event loop that must finish it. So SQLite
 * waits only briefly, and longer waits happen here, asynchronously.
 */
export const SYNC_BUSY_TIMEOUT_MS = 10;

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Retries attempt while the database is busy, backing off up to 50 ms, until
 * timeoutMs has passed. Only safe for attempts that have no effect when they
 * fail busy: a single write statement, or a unit that rolls back on error.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T> | T, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 1;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusyError(error) || Date.now() >= deadline) throw error;
      await sleep(delay);
      delay = Math.min(delay * 2, 50);
    }
  }
}

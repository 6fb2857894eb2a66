/**
 * One holder at a time, first come first served. better-sqlite3 is synchronous,
 * so a plain statement can never interleave with another; only an async
 * transaction spans awaits, and this lock keeps other callers' statements out of
 * it until it ends.
 */
export class AsyncMutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  async acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    // release() hands the lock straight to the next waiter, so `locked` stays true.
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }

  /** Runs synchronous work under the lock without a microtask hop when the lock is free. */
  runSync<T>(work: () => T): Promise<T> {
    if (!this.locked) {
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.acquire().then(() => {
      try {
        return work();
      } finally {
        this.release();
      }
    });
  }
}

import type { TransactionObserver } from '../port/transaction-observer.types.ts';
import type { StoreKind } from '../store.port.ts';

/**
 * Runs one transaction and tells the observer how long it took and how it
 * ended. Without an observer it is the transaction itself, not even a clock
 * read. An observer that throws is ignored: metrics never fail a write.
 */
export function observedTransaction<T>(
  observer: TransactionObserver | undefined,
  store: StoreKind,
  transaction: () => Promise<T>,
): Promise<T> {
  if (!observer) return transaction();
  const started = performance.now();
  const report = (outcome: 'committed' | 'rolled_back') => {
    try {
      observer({ store, durationMs: performance.now() - started, outcome });
    } catch {
      // The observer is for operators; the caller's transaction has already ended.
    }
  };
  return transaction().then(
    (result) => {
      report('committed');
      return result;
    },
    (error: unknown) => {
      report('rolled_back');
      throw error;
    },
  );
}

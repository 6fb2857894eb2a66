import type { StoreKind } from '../store.port.ts';

/**
 * What a store reports about each `store.transaction()` once it has ended, for
 * the server's metrics. The store knows nothing of Prometheus: the server
 * passes this callback in the store options and records what it is told.
 */
export interface TransactionObservation {
  readonly store: StoreKind;
  /** From the call to the end: waiting for the database, the work, the commit (and MongoDB's retries). */
  readonly durationMs: number;
  readonly outcome: 'committed' | 'rolled_back';
}

export type TransactionObserver = (observation: TransactionObservation) => void;

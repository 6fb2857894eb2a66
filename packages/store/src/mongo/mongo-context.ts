import type { ClientSession, Connection } from 'mongoose';
import { isStoreError, StoreError } from '../port/store-error.ts';
import type { LeaseClock } from './mongo-lease-time.ts';
import type { MongoModels } from './mongo-models.ts';

/** What every Mongo repository needs: the models and, inside a transaction, its session. */
export interface MongoContext {
  connection: Connection;
  models: MongoModels;
  /** Set inside a transaction; pass it to every operation. */
  session: ClientSession | undefined;
  /** Whose clock job leases run on: the database's (`$$NOW`) unless a test drives the time. */
  leaseClock: LeaseClock;
  /**
   * Runs several operations as one unit: inside the caller's transaction when
   * there is one, otherwise in a transaction of its own.
   */
  atomic<T>(work: (session: ClientSession) => Promise<T>): Promise<T>;
}

export function createMongoContext(
  connection: Connection,
  models: MongoModels,
  session: ClientSession | undefined,
  leaseClock: LeaseClock = 'database',
): MongoContext {
  return {
    connection,
    models,
    session,
    leaseClock,
    atomic: (work) => (session ? work(session) : runTransaction(() => connection.transaction(work))),
  };
}

const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

/** A duplicate key, raw or already turned into the port's error. */
function isDuplicate(error: unknown): boolean {
  return isDuplicateKeyError(error) || (isStoreError(error, 'duplicate') && isDuplicateKeyError(error.cause));
}

/** How often a transaction runs when each attempt ends on a duplicate key. */
export const TRANSACTION_ATTEMPTS = 3;

/**
 * Starts a transaction again when it ended on a duplicate key. Inside a
 * transaction a duplicate-key error aborts it on the server, so a repository
 * never reads or writes after one in the same session (nothing would run); it
 * lets the error end the transaction instead. Most such errors are races (two
 * requests creating the same customer identity, job key or counter at once):
 * the next attempt reads the row the other one committed and takes the
 * existing-row path. A real duplicate fails the same way every time and is
 * reported after the last attempt. The port allows this: a transaction's
 * function may run more than once.
 */
export async function runTransaction<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      if (!isDuplicate(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
    }
  }
}

/** Turns a duplicate key into the port's typed error; anything else is rethrown. */
export function translateMongoError(error: unknown, what: string): never {
  if (isDuplicateKeyError(error)) {
    throw new StoreError('duplicate', `${what} already exists`, { cause: error });
  }
  throw error;
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

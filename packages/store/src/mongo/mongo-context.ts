import type { ClientSession, Connection } from 'mongoose';
import { StoreError } from '../port/store-error.ts';
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
    atomic: (work) => (session ? work(session) : connection.transaction(work)),
  };
}

const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
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

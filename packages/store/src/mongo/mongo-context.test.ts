import { describe, expect, it } from 'vitest';
import { isStoreError, StoreError } from '../port/store-error.ts';
import { runTransaction, TRANSACTION_ATTEMPTS, translateMongoError } from './mongo-context.ts';

/** What the driver throws on a unique index: code 11000. */
function duplicateKey(index: string): Error {
  return Object.assign(new Error(`E11000 duplicate key error collection: ${index}`), { code: 11000 });
}

function translated(error: unknown): unknown {
  try {
    translateMongoError(error, 'Identity phone');
  } catch (caught) {
    return caught;
  }
  return undefined;
}

describe('runTransaction', () => {
  it('starts a transaction that lost an insert race again, and the next attempt sees the winner', async () => {
    // A second request created the same customer identity between our read and our insert.
    const committedByOther = new Set<string>();
    let attempts = 0;
    const result = await runTransaction(async () => {
      attempts += 1;
      if (committedByOther.has('phone:13800138000')) return 'existing customer';
      committedByOther.add('phone:13800138000');
      throw translated(duplicateKey('customer_identities'));
    });
    expect(result).toBe('existing customer');
    expect(attempts).toBe(2);
  });

  it('retries on a raw duplicate-key error too, as an upsert inside a transaction raises it', async () => {
    let attempts = 0;
    const serial = await runTransaction(async () => {
      attempts += 1;
      if (attempts === 1) throw duplicateKey('counters');
      return 7;
    });
    expect(serial).toBe(7);
  });

  it('reports a real duplicate as the port error after the last attempt', async () => {
    let attempts = 0;
    const outcome = await runTransaction(async () => {
      attempts += 1;
      throw translated(duplicateKey('flows'));
    }).catch((error: unknown) => error);
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
    expect(isStoreError(outcome, 'duplicate')).toBe(true);
  });

  it('does not repeat a transaction that failed for any other reason', async () => {
    let attempts = 0;
    const notFound = new StoreError('not_found', 'Customer c1 does not exist');
    const outcome = await runTransaction(async () => {
      attempts += 1;
      throw notFound;
    }).catch((error: unknown) => error);
    expect(outcome).toBe(notFound);
    expect(attempts).toBe(1);
  });
});

describe('translateMongoError', () => {
  it('turns a duplicate key into the port error and passes anything else through', () => {
    const duplicate = translated(duplicateKey('users'));
    expect(isStoreError(duplicate, 'duplicate')).toBe(true);
    expect((duplicate as Error).message).toBe('Identity phone already exists');
    const network = new Error('connection reset');
    expect(translated(network)).toBe(network);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type Store } from '@flowdesk/store';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app-deps.ts';
import { consumeOrRefusal, StoreRateLimits } from './store-rate-limits.ts';

describe('StoreRateLimits on SQLite', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  async function open(path: string): Promise<Store> {
    const store = await openSqliteStore({ path });
    stores.push(store);
    return store;
  }

  it('two replicas on one database file share one budget', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'flowdesk-limits-')), 'flowdesk.sqlite');
    const rule = { keyPrefix: 'shared', points: 3, durationSeconds: 60 };
    const replicaA = new StoreRateLimits(await open(path), silentLogger).limiter(rule);
    const replicaB = new StoreRateLimits(await open(path), silentLogger).limiter(rule);
    const answers = [];
    for (const limiter of [replicaA, replicaB, replicaA, replicaB]) {
      answers.push(await consumeOrRefusal(limiter, 'client-1'));
    }
    expect(answers.map((answer) => answer.allowed)).toEqual([true, true, true, false]);
  });

  it('a limiter call waits for an open store transaction instead of joining it', async () => {
    const store = await open(':memory:');
    const limiter = new StoreRateLimits(store, silentLogger).limiter({
      keyPrefix: 'tx',
      points: 5,
      durationSeconds: 60,
    });
    const order: string[] = [];
    let consumed: Promise<unknown> = Promise.resolve();
    // The unit fails after the limiter was asked to count: the count must survive the rollback.
    const failing = store.transaction(async (tx) => {
      await tx.counters.next('some-counter');
      consumed = limiter.consume('client-1').then(() => order.push('consumed'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('unit ends');
      throw new Error('unit fails');
    });
    await expect(failing).rejects.toThrow('unit fails');
    await consumed;
    expect(order).toEqual(['unit ends', 'consumed']);
    expect((await limiter.get('client-1'))?.consumedPoints).toBe(1);
  });

  it('says how long to wait when over the limit and keeps store failures as errors', async () => {
    const store = await open(':memory:');
    const limiter = new StoreRateLimits(store, silentLogger).limiter({
      keyPrefix: 'wait',
      points: 1,
      durationSeconds: 30,
    });
    expect(await consumeOrRefusal(limiter, 'k')).toEqual({ allowed: true });
    const refused = await consumeOrRefusal(limiter, 'k');
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(25);
    await store.close();
    await expect(consumeOrRefusal(limiter, 'k')).rejects.toThrow(/closed/);
  });
});

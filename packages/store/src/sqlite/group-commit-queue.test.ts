import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStoreError } from '../port/store-error.ts';
import { AsyncMutex } from './async-mutex.ts';
import { GroupCommitQueue } from './group-commit-queue.ts';
import type { SqliteRunner } from './sqlite-context.ts';

/** What a unit sees in these tests: writes and reads of one small table through the unit's runner. */
interface NotesTx {
  add(id: string): Promise<void>;
  addOrphan(id: string): Promise<void>;
  ids(): Promise<string[]>;
}

let dir: string;
let db: Database.Database;
/** A second connection: it sees only what has been committed. */
let reader: Database.Database;
let mutex: AsyncMutex;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowdesk-group-commit-'));
  const path = join(dir, 'queue.db');
  db = new Database(path, { timeout: 10 });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE notes (id TEXT PRIMARY KEY);
    CREATE TABLE parents (id TEXT PRIMARY KEY);
    CREATE TABLE children (
      id TEXT PRIMARY KEY,
      parent_id TEXT NOT NULL REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED
    );`);
  reader = new Database(path, { readonly: true });
  mutex = new AsyncMutex();
});

afterEach(() => {
  reader.close();
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function openUnit(run: SqliteRunner): NotesTx {
  return {
    add: (id) => run(() => void db.prepare('INSERT INTO notes (id) VALUES (?)').run(id)),
    // Checked only at COMMIT: the deferred foreign key makes the whole batch's COMMIT fail.
    addOrphan: (id) => run(() => void db.prepare('INSERT INTO children VALUES (?, ?)').run(id, 'none')),
    ids: () =>
      run(() =>
        (db.prepare('SELECT id FROM notes ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id),
      ),
  };
}

function committedIds(): string[] {
  return (reader.prepare('SELECT id FROM notes ORDER BY id').all() as Array<{ id: string }>).map(
    (row) => row.id,
  );
}

function queueOf(options: { maxGroup?: number; busyTimeoutMs?: number } = {}): GroupCommitQueue<NotesTx> {
  const { maxGroup, busyTimeoutMs = 1000 } = options;
  return new GroupCommitQueue({ db, mutex, busyTimeoutMs, openUnit, ...(maxGroup ? { maxGroup } : {}) });
}

describe('GroupCommitQueue', () => {
  it('runs the transactions of one turn in one commit and answers each after it', async () => {
    const queue = queueOf();
    const seenByReader: string[][] = [];
    const first = queue.run(async (tx) => {
      await tx.add('a');
      return 'first';
    });
    const second = queue.run(async (tx) => {
      await tx.add('b');
      // The first unit's row is in the open transaction, not committed yet.
      seenByReader.push(committedIds());
      return tx.ids();
    });
    const answers = await Promise.all([first.then((value) => [value, committedIds()]), second]);

    expect(seenByReader).toEqual([[]]);
    // The first caller hears back only when the second unit's row is committed too.
    expect(answers).toEqual([
      ['first', ['a', 'b']],
      ['a', 'b'],
    ]);
  });

  it('runs units in the order they arrived, a batch holding at most maxGroup of them', async () => {
    const queue = queueOf({ maxGroup: 2 });
    const order: Array<{ unit: string; committedBefore: string[] }> = [];
    const unit = (id: string) =>
      queue.run(async (tx) => {
        order.push({ unit: id, committedBefore: committedIds() });
        await tx.add(id);
      });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map(unit));

    expect(order).toEqual([
      { unit: 'a', committedBefore: [] },
      { unit: 'b', committedBefore: [] },
      { unit: 'c', committedBefore: ['a', 'b'] },
      { unit: 'd', committedBefore: ['a', 'b'] },
      { unit: 'e', committedBefore: ['a', 'b', 'c', 'd'] },
    ]);
    expect(committedIds()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('queues a transaction started during a batch for the next one', async () => {
    const queue = queueOf();
    const order: string[] = [];
    let later: Promise<void> | undefined;
    await queue.run(async (tx) => {
      await tx.add('a');
      order.push('a');
      later = queue.run(async (inner) => {
        order.push(`b after ${committedIds().join(',')}`);
        await inner.add('b');
      });
    });
    await later;

    expect(order).toEqual(['a', 'b after a']);
    expect(committedIds()).toEqual(['a', 'b']);
  });

  it('rolls back only the unit that failed; the others commit and the failure reaches its caller', async () => {
    const queue = queueOf();
    const failure = new Error('the unit refused');
    const outcomes = await Promise.allSettled([
      queue.run(async (tx) => tx.add('a')),
      queue.run(async (tx) => {
        await tx.add('b');
        throw failure;
      }),
      // A constraint error inside a unit is the unit's own failure too.
      queue.run(async (tx) => tx.add('a')),
      queue.run(async (tx) => {
        await tx.add('c');
        return tx.ids();
      }),
    ]);

    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: undefined });
    expect(outcomes[1]).toEqual({ status: 'rejected', reason: failure });
    expect(outcomes[2]).toMatchObject({
      status: 'rejected',
      reason: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' },
    });
    // The failed units' writes are gone already inside the batch.
    expect(outcomes[3]).toEqual({ status: 'fulfilled', value: ['a', 'c'] });
    expect(committedIds()).toEqual(['a', 'c']);
  });

  it('rejects every unit of a batch whose COMMIT fails, and keeps none of its writes', async () => {
    const queue = queueOf();
    const outcomes = await Promise.allSettled([
      queue.run(async (tx) => tx.add('a')),
      queue.run(async (tx) => tx.addOrphan('child')),
    ]);

    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } });
    }
    expect(committedIds()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    // The connection is usable again for the next batch.
    await queue.run(async (tx) => tx.add('b'));
    expect(committedIds()).toEqual(['b']);
  });

  it('rejects every unit when BEGIN stays busy past the timeout, running none of them', async () => {
    const path = db.name;
    const other = new Database(path, { timeout: 10 });
    other.exec('BEGIN IMMEDIATE');
    try {
      const queue = queueOf({ busyTimeoutMs: 30 });
      let ran = false;
      const outcomes = await Promise.allSettled([
        queue.run(async (tx) => {
          ran = true;
          await tx.add('a');
        }),
        queue.run(async (tx) => tx.add('b')),
      ]);

      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_BUSY' } });
      }
      expect(ran).toBe(false);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('refuses work through a unit after the unit has ended', async () => {
    const queue = queueOf();
    const kept = await queue.run(async (tx) => tx);
    const late = await kept.add('late').catch((error: unknown) => error);

    expect(isStoreError(late, 'transaction_closed')).toBe(true);
    expect(committedIds()).toEqual([]);
  });

  it('lets a statement waiting on the lock in between two batches, not inside one', async () => {
    const queue = queueOf({ maxGroup: 1 });
    const order: string[] = [];
    let statement: Promise<void> | undefined;
    const first = queue.run(async (tx) => {
      statement = mutex.runSync(() => {
        order.push(`statement after ${committedIds().join(',')}`);
      });
      await tx.add('a');
      order.push('a');
    });
    const second = queue.run(async (tx) => {
      await tx.add('b');
      order.push('b');
    });
    await Promise.all([first, second, statement]);

    expect(order).toEqual(['a', 'statement after a', 'b']);
  });

  it('lets a close that takes the lock wait until the running batch has committed', async () => {
    const queue = queueOf();
    let closing: Promise<void> | undefined;
    const done = queue.run(async (tx) => {
      // As the store's close() does: take the lock, then close the connection.
      closing = mutex.acquire().then(() => {
        db.close();
        mutex.release();
      });
      await tx.add('a');
      return 'committed';
    });

    await expect(done).resolves.toBe('committed');
    await closing;
    expect(db.open).toBe(false);
    expect(committedIds()).toEqual(['a']);
  });

  it('rejects, rather than leaves pending, transactions queued when the connection closes', async () => {
    const queue = queueOf();
    const queued = queue.run(async (tx) => tx.add('a'));
    await mutex.acquire();
    db.close();
    mutex.release();

    await expect(queued).rejects.toThrow(/not open/);
    expect(committedIds()).toEqual([]);
  });
});

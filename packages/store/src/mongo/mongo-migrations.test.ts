import { describe, expect, it } from 'vitest';
import {
  type MigrationDatabase,
  type MigrationLedger,
  MONGO_MIGRATIONS,
  type MongoMigration,
  runMongoMigrations,
} from './mongo-migrations.ts';

type Doc = Record<string, unknown>;

/** An in-memory stand-in for the driver: equality and `$exists` filters, `$set` updates. */
class FakeDatabase implements MigrationDatabase {
  readonly collections = new Map<string, Doc[]>();

  collection(name: string) {
    const docs = this.collections.get(name) ?? [];
    this.collections.set(name, docs);
    return {
      updateMany: async (filter: Doc, update: Doc) => {
        const set = (update.$set ?? {}) as Doc;
        const matching = docs.filter((doc) =>
          Object.entries(filter).every(([field, condition]) => {
            if (condition !== null && typeof condition === 'object' && '$exists' in condition) {
              return field in doc === condition.$exists;
            }
            return doc[field] === condition;
          }),
        );
        for (const doc of matching) Object.assign(doc, set);
        return { modifiedCount: matching.length };
      },
    };
  }
}

class FakeLedger implements MigrationLedger {
  readonly recorded: { id: number; name: string; appliedAt: string }[] = [];
  constructor(private readonly already: number[] = []) {}
  async appliedIds() {
    return new Set([...this.already, ...this.recorded.map((entry) => entry.id)]);
  }
  async record(migration: MongoMigration, appliedAt: string) {
    this.recorded.push({ id: migration.id, name: migration.name, appliedAt });
  }
}

const now = () => '2026-11-22T08:00:00.000Z';

function tracing(id: number, log: number[], fail = false): MongoMigration {
  return {
    id,
    name: `step ${id}`,
    async up() {
      if (fail) throw new Error(`migration ${id} broke`);
      log.push(id);
    },
  };
}

describe('runMongoMigrations', () => {
  it('applies the migrations not yet recorded, in order, and records each', async () => {
    const log: number[] = [];
    const ledger = new FakeLedger([2]);
    const ran = await runMongoMigrations(
      ledger,
      new FakeDatabase(),
      [tracing(1, log), tracing(2, log), tracing(5, log)],
      now,
    );
    expect(ran).toEqual([1, 5]);
    expect(log).toEqual([1, 5]);
    expect(ledger.recorded.map((entry) => entry.id)).toEqual([1, 5]);
    expect(
      await runMongoMigrations(ledger, new FakeDatabase(), [tracing(1, log), tracing(5, log)], now),
    ).toEqual([]);
  });

  it('stops at a failing migration without recording it, so the next start tries it again', async () => {
    const log: number[] = [];
    const ledger = new FakeLedger();
    const migrations = [tracing(1, log), tracing(2, log, true), tracing(3, log)];
    await expect(runMongoMigrations(ledger, new FakeDatabase(), migrations, now)).rejects.toThrow(
      'migration 2 broke',
    );
    expect(ledger.recorded.map((entry) => entry.id)).toEqual([1]);
    expect(log).toEqual([1]);
  });

  it('refuses a list out of order or with a repeated id before applying anything', async () => {
    const log: number[] = [];
    for (const ids of [
      [2, 1],
      [1, 1],
    ]) {
      const migrations = ids.map((id) => tracing(id, log));
      await expect(runMongoMigrations(new FakeLedger(), new FakeDatabase(), migrations, now)).rejects.toThrow(
        /must come after/,
      );
    }
    expect(log).toEqual([]);
  });
});

describe('MONGO_MIGRATIONS', () => {
  it('gives customers stored before they had a language a null locale, and is safe to run twice', async () => {
    const db = new FakeDatabase();
    db.collections.set('customers', [
      { _id: 'c1', name: 'Wang' },
      { _id: 'c2', name: 'Li', locale: 'en' },
    ]);
    await runMongoMigrations(new FakeLedger(), db, MONGO_MIGRATIONS, now);
    // A second replica that started at the same time runs it again before either recorded it.
    await runMongoMigrations(new FakeLedger(), db, MONGO_MIGRATIONS, now);
    expect(db.collections.get('customers')).toEqual([
      { _id: 'c1', name: 'Wang', locale: null },
      { _id: 'c2', name: 'Li', locale: 'en' },
    ]);
  });

  it('keeps flows stored before the on/off switch on and ordered by creation, and is safe to run twice', async () => {
    const db = new FakeDatabase();
    db.collections.set('flows', [
      { _id: 'old', name: 'Intake' },
      { _id: 'off', name: 'Paused', enabled: false, position: 3 },
    ]);
    await runMongoMigrations(new FakeLedger(), db, MONGO_MIGRATIONS, now);
    await runMongoMigrations(new FakeLedger(), db, MONGO_MIGRATIONS, now);
    expect(db.collections.get('flows')).toEqual([
      { _id: 'old', name: 'Intake', enabled: true, position: 0 },
      { _id: 'off', name: 'Paused', enabled: false, position: 3 },
    ]);
  });
});

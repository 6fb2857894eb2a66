import { describe, expect, it } from 'vitest';
import { phoneDigits } from '../shared/execution-search-keys.ts';
import {
  type MigrationDatabase,
  type MigrationLedger,
  MONGO_MIGRATIONS,
  type MongoMigration,
  runMongoMigrations,
} from './mongo-migrations.ts';

type Doc = Record<string, unknown>;

/** A field by its dotted path (`search.customerPhone`). */
function valueAt(doc: Doc, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Doc | undefined)?.[key], doc);
}

function matches(doc: Doc, filter: Doc): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    if (condition !== null && typeof condition === 'object' && '$exists' in condition) {
      return field in doc === condition.$exists;
    }
    if (condition !== null && typeof condition === 'object' && '$regex' in condition) {
      const value = valueAt(doc, field);
      return typeof value === 'string' && new RegExp(String(condition.$regex)).test(value);
    }
    return valueAt(doc, field) === condition;
  });
}

/** `$set` with dotted paths; a pipeline (an array) is left alone, as the fake cannot evaluate one. */
function applySet(doc: Doc, update: Doc): void {
  for (const [path, value] of Object.entries((update.$set ?? {}) as Doc)) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let target = doc;
    for (const key of keys) {
      target[key] ??= {};
      target = target[key] as Doc;
    }
    target[last] = value;
  }
}

/** An in-memory stand-in for the driver: equality, `$exists` and `$regex` filters, `$set` updates. */
class FakeDatabase implements MigrationDatabase {
  readonly collections = new Map<string, Doc[]>();

  collection(name: string) {
    const docs = this.collections.get(name) ?? [];
    this.collections.set(name, docs);
    return {
      updateMany: async (filter: Doc, update: Doc) => {
        const matching = docs.filter((doc) => matches(doc, filter));
        for (const doc of matching) applySet(doc, update);
        return { modifiedCount: matching.length };
      },
      updateOne: async (filter: Doc, update: Doc) => {
        const doc = docs.find((candidate) => matches(candidate, filter));
        if (doc) applySet(doc, update);
        return { modifiedCount: doc ? 1 : 0 };
      },
      // Whole documents, copied: the projection only narrows what a real server sends.
      find: (filter: Doc) => ({
        async *[Symbol.asyncIterator]() {
          for (const doc of docs.filter((candidate) => matches(candidate, filter)))
            yield structuredClone(doc);
        },
      }),
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

  it('keeps knowledge articles stored before drafts existed published, and is safe to run twice', async () => {
    const db = new FakeDatabase();
    db.collections.set('kb_articles', [
      { _id: 'old', workspaceId: 'ws-1' },
      { _id: 'draft', workspaceId: 'ws-1', status: 'draft' },
    ]);
    await runMongoMigrations(new FakeLedger(), db, MONGO_MIGRATIONS, now);
    await runMongoMigrations(new FakeLedger(), db, MONGO_MIGRATIONS, now);
    expect(db.collections.get('kb_articles')).toEqual([
      { _id: 'old', workspaceId: 'ws-1', status: 'published' },
      { _id: 'draft', workspaceId: 'ws-1', status: 'draft' },
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

  it('recomputes execution phone digits that 18 left with marks, with the rule new saves use, and is safe to run twice', async () => {
    const db = new FakeDatabase();
    const execution = (id: string, customerPhone: string | null) => ({
      _id: id,
      search: { customerName: 'Ana', customerPhone },
    });
    db.collections.set('executions', [
      execution('label', 'tel:13812345678'),
      execution('dashes', '138—1234—5678'),
      execution('full-width', '１３８１２３４5678'),
      execution('no-digits', 'na'),
      execution('digits', '13800001111'),
      execution('unknown', null),
    ]);
    await runMongoMigrations(new FakeLedger(), db, MONGO_MIGRATIONS, now);
    await runMongoMigrations(new FakeLedger(), db, MONGO_MIGRATIONS, now);
    const phones = (db.collections.get('executions') ?? []).map((doc) => [
      doc._id,
      valueAt(doc, 'search.customerPhone'),
    ]);
    expect(phones).toEqual([
      ['label', phoneDigits('tel:13812345678')],
      ['dashes', '13812345678'],
      ['full-width', '5678'],
      ['no-digits', null],
      ['digits', '13800001111'],
      ['unknown', null],
    ]);
    expect(phoneDigits('tel:13812345678')).toBe('13812345678');
    expect(valueAt(db.collections.get('executions')?.[0] ?? {}, 'search.customerName')).toBe('Ana');
  });
});

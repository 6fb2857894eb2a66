import { type Connection, type Model, Schema } from 'mongoose';
import { NOT_PHONE_DIGITS, phoneDigits } from '../shared/execution-search-keys.ts';
import { CODES_WITHOUT_PARAMS } from '../shared/legacy-incident-codes.ts';

/**
 * Data changes MongoDB needs when the document shapes change, applied in order
 * at open and recorded in the `migrations` collection, like SQLite's
 * schema_migrations. Collections and indexes are not migrations here: the
 * model registry creates them and syncIndexes keeps them equal to the schemas.
 * A migration that mirrors a SQLite one takes its number. Each must be
 * idempotent: two replicas starting together may both run it before either
 * records it. Never edit a released migration: add the next one.
 */
export interface MongoMigration {
  readonly id: number;
  readonly name: string;
  up(db: MigrationDatabase): Promise<void>;
}

/** The part of the driver a migration uses, so the runner is testable without a server. */
export interface MigrationCollection {
  /** An update document (`$set`), or an aggregation pipeline when new values come from the document itself. */
  updateMany(
    filter: Record<string, unknown>,
    update: Record<string, unknown> | Record<string, unknown>[],
  ): Promise<unknown>;
  /** For a value only the store's TypeScript computes (one rule, not a second copy as an expression). */
  find(
    filter: Record<string, unknown>,
    options: { projection: Record<string, 0 | 1> },
  ): AsyncIterable<Record<string, unknown>>;
  updateOne(filter: Record<string, unknown>, update: Record<string, unknown>): Promise<unknown>;
}

export interface MigrationDatabase {
  collection(name: string): MigrationCollection;
}

export interface MigrationLedger {
  appliedIds(): Promise<ReadonlySet<number>>;
  record(migration: MongoMigration, appliedAt: string): Promise<void>;
}

export const MONGO_MIGRATIONS: readonly MongoMigration[] = [
  {
    // SQLite 012 added customers.locale with NULL for existing rows; documents written before have no field.
    id: 12,
    name: 'customer locale',
    async up(db) {
      await db.collection('customers').updateMany({ locale: { $exists: false } }, { $set: { locale: null } });
    },
  },
  {
    // SQLite 016: incidents and step errors hold a code and params instead of text (see incidentCodes below).
    id: 16,
    name: 'incident and step error codes',
    async up(db) {
      await incidentCodes(db.collection('executions'), 'state.incident');
      await incidentCodes(db.collection('execution_steps'), 'error');
    },
  },
  {
    // SQLite 017: flows written before are on; position 0 lets creation time order them, as intake did.
    id: 17,
    name: 'flow activation and order',
    async up(db) {
      await db.collection('flows').updateMany({ enabled: { $exists: false } }, { $set: { enabled: true } });
      await db.collection('flows').updateMany({ position: { $exists: false } }, { $set: { position: 0 } });
    },
  },
  {
    // SQLite 018: the ticket and customer copied out of the run state, for the executions list's search.
    id: 18,
    name: 'execution search keys',
    async up(db) {
      await db
        .collection('executions')
        .updateMany({ search: { $exists: false } }, [{ $set: { search: EXECUTION_SEARCH_KEYS_FROM_STATE } }]);
    },
  },
  {
    // SQLite 021: 18 stripped only a few marks from phones; recomputed with phoneDigits(), as saves write them.
    id: 21,
    name: 'execution phone digits',
    async up(db) {
      const executions = db.collection('executions');
      // Only phones that break the rule match, so a second run finds nothing to do.
      const stale = { 'search.customerPhone': { $regex: NOT_PHONE_DIGITS } };
      for await (const doc of executions.find(stale, { projection: { _id: 1, 'search.customerPhone': 1 } })) {
        const phone = (doc.search as { customerPhone?: unknown } | undefined)?.customerPhone;
        if (typeof phone !== 'string') continue;
        await executions.updateOne(
          { _id: doc._id, 'search.customerPhone': phone },
          { $set: { 'search.customerPhone': phoneDigits(phone) || null } },
        );
      }
    },
  },
  {
    // SQLite 022: users written before are active and chose their own password.
    id: 22,
    name: 'user deactivation and temporary passwords',
    async up(db) {
      await db
        .collection('users')
        .updateMany({ deactivatedAt: { $exists: false } }, { $set: { deactivatedAt: null } });
      await db
        .collection('users')
        .updateMany({ mustChangePassword: { $exists: false } }, { $set: { mustChangePassword: false } });
    },
  },
  {
    // SQLite 023: policies written before have no calendar of their own; the team's applies.
    id: 23,
    name: 'sla policy calendar',
    async up(db) {
      await db
        .collection('sla_policies')
        .updateMany({ calendar: { $exists: false } }, { $set: { calendar: null } });
    },
  },
  {
    // SQLite 024: in-app messages written before are about no ticket (approval requests are a new collection).
    id: 24,
    name: 'in-app message ticket',
    async up(db) {
      await db
        .collection('in_app_messages')
        .updateMany({ ticketId: { $exists: false } }, { $set: { ticketId: null } });
    },
  },
  {
    // SQLite 025: articles written before answered customers already, so they stay published (kb_answers is new).
    id: 25,
    name: 'knowledge article status',
    async up(db) {
      await db
        .collection('kb_articles')
        .updateMany({ status: { $exists: false } }, { $set: { status: 'published' } });
    },
  },
  {
    // SQLite 026: surveys written before are not reviewed (the answers-by-time index comes from the schema).
    id: 26,
    name: 'survey quality review',
    async up(db) {
      await db
        .collection('surveys')
        .updateMany(
          { reviewedAt: { $exists: false } },
          { $set: { reviewedAt: null, reviewedBy: null, reviewNote: null } },
        );
    },
  },
];

/** A text (or number) at `path`, trimmed; null when absent or blank: executionSearchKeys' textAt as an expression. */
function textAt(path: string): Record<string, unknown> {
  const trimmed = {
    $trim: { input: { $convert: { input: `$${path}`, to: 'string', onError: '', onNull: '' } } },
  };
  return {
    $cond: [
      {
        $and: [
          { $in: [{ $type: `$${path}` }, ['string', 'int', 'long', 'double', 'decimal']] },
          { $ne: [trimmed, ''] },
        ],
      },
      { $substrCP: [trimmed, 0, 320] },
      null,
    ],
  };
}

function customerText(key: string): Record<string, unknown> {
  return { $ifNull: [textAt(`state.data.customer.${key}`), textAt(`state.data.request.customer.${key}`)] };
}

function withoutMarks(expression: Record<string, unknown>): Record<string, unknown> {
  return ['+', '-', ' ', '(', ')', '.', '/'].reduce<Record<string, unknown>>(
    (input, mark) => ({ $replaceAll: { input, find: mark, replacement: '' } }),
    expression,
  );
}

/** The same document executionSearchKeys() gives, computed by the server from each stored state. */
const EXECUTION_SEARCH_KEYS_FROM_STATE = {
  ticketNumber: textAt('state.data.ticket.number'),
  customerId: textAt('state.data.customer.id'),
  customerName: customerText('name'),
  customerEmail: {
    $cond: [{ $eq: [customerText('email'), null] }, null, { $toLower: customerText('email') }],
  },
  customerPhone: {
    $cond: [
      { $in: [withoutMarks({ $ifNull: [customerText('phone'), ''] }), ['']] },
      null,
      withoutMarks(customerText('phone')),
    ],
  },
  customerChannelId: customerText('channelId'),
};

/**
 * Moves the text of the error at `path` out of `message`: a code whose text has
 * no placeholders gets empty params, any other keeps the text as the
 * `legacyText` param (its params were never stored). Documents already in
 * codes have no `message` object and are not matched, so running it twice
 * changes nothing.
 */
async function incidentCodes(collection: MigrationCollection, path: string): Promise<void> {
  const filter = { [`${path}.message`]: { $type: 'object' } };
  await collection.updateMany({ ...filter, [`${path}.code`]: { $in: [...CODES_WITHOUT_PARAMS] } }, [
    { $set: { [`${path}.params`]: { $literal: {} } } },
    { $unset: `${path}.message` },
  ]);
  await collection.updateMany(filter, [
    { $set: { [`${path}.params`]: { legacyText: `$${path}.message` } } },
    { $unset: `${path}.message` },
  ]);
}

function assertOrdered(migrations: readonly MongoMigration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && previous.id >= migration.id) {
      throw new Error(`Mongo migration ${migration.id} (${migration.name}) must come after ${previous.id}`);
    }
  });
}

/** Applies the migrations not yet recorded, lowest id first; returns the ids it applied. */
export async function runMongoMigrations(
  ledger: MigrationLedger,
  db: MigrationDatabase,
  migrations: readonly MongoMigration[],
  now: () => string,
): Promise<number[]> {
  assertOrdered(migrations);
  const applied = await ledger.appliedIds();
  const ran: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    // Recorded only once it succeeded: a failure stops here, and the next start tries again.
    await migration.up(db);
    await ledger.record(migration, now());
    ran.push(migration.id);
  }
  return ran;
}

interface MigrationDoc {
  _id: number;
  name: string;
  appliedAt: string;
}

const migrationSchema = new Schema<MigrationDoc>(
  {
    _id: { type: Number, required: true },
    name: { type: String, required: true },
    appliedAt: { type: String, required: true },
  },
  { versionKey: false, strict: true },
);

export interface MongoMigrationModels {
  migrations: Model<MigrationDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoMigrationModels(connection: Connection): MongoMigrationModels {
  return { migrations: connection.model<MigrationDoc>('Migration', migrationSchema, 'migrations') };
}

export function mongoMigrationLedger(model: Model<MigrationDoc>): MigrationLedger {
  return {
    async appliedIds() {
      const docs = await model.find({}, { _id: 1 }).lean<Pick<MigrationDoc, '_id'>[]>().exec();
      return new Set(docs.map((doc) => doc._id));
    },
    async record(migration, appliedAt) {
      // An upsert: a replica that ran the same migration at the same time records it once.
      await model
        .updateOne(
          { _id: migration.id },
          { $setOnInsert: { name: migration.name, appliedAt } },
          { upsert: true },
        )
        .exec();
    },
  };
}

/** The driver's own collections: migrations work on stored documents, below the schemas. */
export function mongoMigrationDatabase(connection: Connection): MigrationDatabase {
  return {
    collection(name) {
      const db = connection.db;
      if (!db) throw new Error('Mongo migrations need an open connection');
      return db.collection(name);
    },
  };
}

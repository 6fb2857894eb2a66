import mongoose, { type Connection } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../sqlite/open-sqlite-store.ts';
import { createMongoModels, type MongoModels } from './mongo-models.ts';
import { createRepositories } from './open-mongo-store.ts';

/**
 * Tables and collections that have no counterpart of the same name, and why:
 * bookkeeping each store does its own way.
 */
const SQLITE_ONLY: Record<string, string> = {
  schema_migrations: 'Mongo records applied migrations in `migrations`',
  rate_limits: 'rate-limiter-flexible creates and owns its Mongo collection',
  // Not yet in Mongo: its flowAnalytics.rollup computes the overlay from the steps on each request.
  flow_path_rollup: 'the flow overlay rollup (SQLite only so far)',
  flow_csat_rollup: 'the flow overlay rollup (SQLite only so far)',
  // Mongo computes the KPI dashboard from the tickets on each request (kpiRollups.enabled is false).
  kpi_dirty: 'the KPI rollups (SQLite only)',
  kpi_ticket_facts: 'the KPI rollups (SQLite only)',
  kpi_open_intervals: 'the KPI rollups (SQLite only)',
  kpi_rollup: 'the KPI rollups (SQLite only)',
};
const MONGO_ONLY: Record<string, string> = {
  migrations: 'the Mongo migration ledger',
};

/** Models are made on a connection that never connects: no server needed. */
describe('Mongo model registry', () => {
  let connection: Connection;
  let models: MongoModels;
  let sqlite: SqliteStore;

  beforeEach(async () => {
    connection = mongoose.createConnection();
    models = createMongoModels(connection);
    sqlite = await openSqliteStore({ path: ':memory:' });
  });

  afterEach(async () => {
    await connection.close();
    await sqlite.close();
  });

  const collections = () => Object.values(models).map((model) => model.collection.collectionName);

  it('has one model per collection, each made once', () => {
    expect(new Set(collections()).size).toBe(collections().length);
    expect(connection.modelNames().sort()).toEqual(
      Object.values(models)
        .map((model) => model.modelName)
        .sort(),
    );
  });

  it('covers every table of the SQLite store, so both stores keep the same data', () => {
    const tables = (
      sqlite.database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[]
    )
      .map((row) => row.name)
      .filter((name) => !name.startsWith('sqlite_') && !(name in SQLITE_ONLY));
    const mongo = collections().filter((name) => !(name in MONGO_ONLY));
    expect(new Set(mongo)).toEqual(new Set(tables));
  });

  it('is the only place models come from: building every repository defines none', () => {
    const before = connection.modelNames().length;
    const repositories = createRepositories(connection, models, undefined, 'database');
    expect(Object.keys(repositories).length).toBeGreaterThan(20);
    expect(connection.modelNames()).toHaveLength(before);
  });
});

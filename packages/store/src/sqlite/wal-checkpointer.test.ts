import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.ts';

/**
 * The background checkpointer (wal-checkpointer.ts): with it, the pages a
 * commit wrote reach the database file without any commit running SQLite's
 * automatic checkpoint (its threshold is raised to 40 MB); without it, they
 * stay in the WAL until that threshold. Closing the store stops the thread.
 */
const directory = mkdtempSync(join(tmpdir(), 'flowdesk-checkpoint-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** About 4 MB of rows in one table: far below the writer's raised threshold. */
function write(store: SqliteStore): void {
  const db = store.database;
  db.exec('CREATE TABLE filler (body TEXT NOT NULL)');
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
     INSERT INTO filler SELECT printf('%.1000c', 'x') FROM n`,
  ).run();
}

/**
 * The file's size once `reached` holds or `waitMs` has passed, then the store closed. A checkpoint
 * extends the file page by page, so a size read while it runs can be anywhere in between.
 */
async function fileSizeAfter(
  store: SqliteStore,
  path: string,
  waitMs: number,
  reached: (size: number) => boolean,
): Promise<number> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline && !reached(statSync(path).size))
    await new Promise((done) => setTimeout(done, 50));
  const size = statSync(path).size;
  await store.close();
  return size;
}

describe('background WAL checkpoints', () => {
  it('bring committed pages into the database file from another thread', async () => {
    const path = join(directory, 'background.sqlite');
    const store = await openSqliteStore({ path, backgroundCheckpoints: true });
    expect(store.database.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    const before = statSync(path).size;
    write(store);
    const filled = (size: number) => size > before + 3_000_000;
    expect(await fileSizeAfter(store, path, 10_000, filled)).toBeGreaterThan(before + 3_000_000);
  });

  it('leave them in the WAL without the option, below SQLite’s own threshold', async () => {
    const path = join(directory, 'plain.sqlite');
    const store = await openSqliteStore({ path });
    store.database.pragma('wal_autocheckpoint = 10000');
    const before = statSync(path).size;
    write(store);
    expect(await fileSizeAfter(store, path, 1_500, (size) => size !== before)).toBe(before);
  });
});

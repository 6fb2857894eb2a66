import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-modes-'));
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('SQLite file modes', () => {
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('creates the database, -wal and -shm files readable by their owner only, whatever the umask', async () => {
    const path = join(directory, 'new.sqlite');
    const previous = process.umask(0o022);
    try {
      const store = await openSqliteStore({ path });
      await store.counters.next('written');
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file)).toBe(0o600);
      await store.close();
    } finally {
      process.umask(previous);
    }
  });

  it('takes group and other access away from a database an older version created 0644', async () => {
    const path = join(directory, 'old.sqlite');
    const store = await openSqliteStore({ path });
    await store.counters.next('written');
    await store.close();
    chmodSync(path, 0o644);
    writeFileSync(`${path}-wal`, '');
    chmodSync(`${path}-wal`, 0o644);
    const reopened = await openSqliteStore({ path });
    expect(await reopened.counters.current('written')).toBe(1);
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(`${path}-wal`)).toBe(0o600);
    await reopened.close();
  });
});

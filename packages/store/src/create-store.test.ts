import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from './create-store.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-create-store-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('createStore', () => {
  it('opens SQLite when no MongoDB URI is configured, creating the data folder', async () => {
    const path = join(directory, 'nested', 'data', 'flowdesk.sqlite');
    const store = await createStore({ sqlitePath: path, mongoUri: null });
    expect(store.kind).toBe('sqlite');
    expect(await store.counters.next('ticket:20261122')).toBe(1);
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('picks MongoDB when a URI is given', async () => {
    // Nothing listens on port 9: the attempt fails fast, which proves the Mongo adapter was chosen.
    const attempt = createStore({
      mongoUri: 'mongodb://127.0.0.1:9/flowdesk',
      mongoServerSelectionTimeoutMs: 300,
      sqlitePath: ':memory:',
    });
    await expect(attempt).rejects.toThrow(/ECONNREFUSED|Server selection|connect/i);
  });
});

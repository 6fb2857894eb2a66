import { openSqliteStore, type SqliteStore } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app-deps.ts';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyJanitor } from './idempotency-janitor.ts';

describe('IdempotencyJanitor', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('forgets records older than a week and keeps the recent ones', async () => {
    const now = new Date('2026-11-23T08:00:00Z');
    const old = new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS - 1000).toISOString();
    const recent = new Date(now.getTime() - 60_000).toISOString();
    await store.idempotency.reserve('intake:key-1', 'old', 'hash', old);
    await store.idempotency.reserve('channel:wechat', 'openid:1', 'hash', old);
    await store.idempotency.reserve('intake:key-1', 'recent', 'hash', recent);
    const janitor = new IdempotencyJanitor(store, { now: () => now }, silentLogger);
    expect(await janitor.sweep()).toBe(2);
    expect(await janitor.sweep()).toBe(0);
    const again = await store.idempotency.reserve('intake:key-1', 'recent', 'hash', now.toISOString());
    expect(again.outcome).toBe('in_progress');
    const reused = await store.idempotency.reserve('intake:key-1', 'old', 'hash', now.toISOString());
    expect(reused.outcome).toBe('new');
  });
});

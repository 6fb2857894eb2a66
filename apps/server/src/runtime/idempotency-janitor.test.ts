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
    const janitor = new IdempotencyJanitor({ store, clock: { now: () => now }, log: silentLogger });
    expect(await janitor.sweep()).toBe(2);
    expect(await janitor.sweep()).toBe(0);
    const again = await store.idempotency.reserve('intake:key-1', 'recent', 'hash', now.toISOString());
    expect(again.outcome).toBe('in_progress');
    const reused = await store.idempotency.reserve('intake:key-1', 'old', 'hash', now.toISOString());
    expect(reused.outcome).toBe('new');
  });
});

describe('IdempotencyJanitor and the audit log', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('drops audit entries past their retention in days and keeps the rest', async () => {
    const now = new Date('2026-11-23T08:00:00Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
    for (const [id, at] of [
      ['older', daysAgo(31)],
      ['recent', daysAgo(29)],
    ] as const) {
      await store.audit.append({
        id,
        at,
        actor: { kind: 'system', id: 'test' },
        action: 'flow.publish',
        target: null,
        ip: null,
        outcome: 'success',
        details: {},
      });
    }
    const janitor = new IdempotencyJanitor({
      store,
      clock: { now: () => now },
      log: silentLogger,
      retentionMs: IDEMPOTENCY_RETENTION_MS,
      auditRetentionDays: 30,
    });
    expect(await janitor.sweep()).toBe(1);
    expect((await store.audit.list()).items.map((entry) => entry.id)).toEqual(['recent']);
    const yearly = new IdempotencyJanitor({
      store,
      clock: { now: () => new Date('2027-11-23T08:00:00Z') },
      log: silentLogger,
    });
    expect(await yearly.sweep()).toBe(1);
  });
});

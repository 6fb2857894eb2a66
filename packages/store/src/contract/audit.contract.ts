import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../port/audit.types.ts';
import { StoreError } from '../port/store-error.ts';
import { at, type ContractContext } from './contract-context.ts';

function entry(id: string, ms: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at: at(ms),
    actor: { kind: 'user', id: 'user-admin', label: 'admin@example.com' },
    action: 'flow.publish',
    target: 'flow:f1',
    ip: '127.0.0.1',
    outcome: 'success',
    details: { version: 2, fields: ['token', 'appId'] },
    ...overrides,
  };
}

export function describeAuditContract(ctx: ContractContext): void {
  describe('audit log', () => {
    it('keeps entries as written and lists them newest first', async () => {
      const store = ctx.store();
      await store.audit.append(entry('a1', 1000));
      await store.audit.append(
        entry('a2', 2000, {
          actor: { kind: 'api_key', id: 'key-1', label: null },
          action: 'api_key.revoke',
          target: null,
          ip: null,
          outcome: 'failure',
          details: {},
        }),
      );
      const page = await store.audit.list();
      expect(page.items.map((item) => item.id)).toEqual(['a2', 'a1']);
      expect(page.items[1]).toEqual(entry('a1', 1000));
      expect(page.items[0]).toMatchObject({
        actor: { kind: 'api_key', id: 'key-1', label: null },
        target: null,
      });
      expect(page.nextCursor).toBeNull();
      await expect(store.audit.append(entry('a1', 3000))).rejects.toBeInstanceOf(StoreError);
    });

    it('filters by action, actor (id or email) and a date range, and pages with a cursor', async () => {
      const store = ctx.store();
      await store.audit.append(entry('e1', 1000, { action: 'auth.sign_in' }));
      await store.audit.append(entry('e2', 2000));
      await store.audit.append(entry('e3', 2000, { actor: { kind: 'system', id: 'purge' } }));
      await store.audit.append(entry('e4', 3000));
      const ids = async (query: Parameters<typeof store.audit.list>[0]) =>
        (await store.audit.list(query)).items.map((item) => item.id);
      expect(await ids({ action: 'flow.publish' })).toEqual(['e4', 'e3', 'e2']);
      expect(await ids({ actor: 'admin@example.com' })).toEqual(['e4', 'e2', 'e1']);
      expect(await ids({ actor: 'purge' })).toEqual(['e3']);
      expect(await ids({ from: at(2000), to: at(3000) })).toEqual(['e3', 'e2']);
      const first = await store.audit.list({ limit: 2 });
      expect(first.items.map((item) => item.id)).toEqual(['e4', 'e3']);
      const second = await store.audit.list({ limit: 2, cursor: first.nextCursor });
      expect(second.items.map((item) => item.id)).toEqual(['e2', 'e1']);
      expect(second.nextCursor).toBeNull();
    });

    it('purges entries older than a time and keeps the rest', async () => {
      const store = ctx.store();
      await store.audit.append(entry('old', 1000));
      await store.audit.append(entry('edge', 5000));
      await store.audit.append(entry('new', 9000));
      expect(await store.audit.purgeBefore(at(5000))).toBe(1);
      expect((await store.audit.list()).items.map((item) => item.id)).toEqual(['new', 'edge']);
      expect(await store.audit.purgeBefore(at(5000))).toBe(0);
    });

    it('writes inside a transaction and drops the entry when it rolls back', async () => {
      const store = ctx.store();
      await expect(
        store.transaction(async (tx) => {
          await tx.audit.append(entry('rolled-back', 1000));
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect((await store.audit.list()).items).toEqual([]);
    });
  });
}

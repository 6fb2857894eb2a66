import { describe, expect, it } from 'vitest';
import type { ClassifierCorrection } from '../port/classifier.types.ts';
import { at, type ContractContext } from './contract-context.ts';

function correction(id: string, offsetMs: number, extra: Partial<ClassifierCorrection> = {}) {
  return {
    id,
    workspaceId: 'ws-1',
    text: '寄回的衣服收到了吗',
    fromLabel: 'order_status',
    toLabel: 'returns',
    ticketId: 't-1',
    by: 'user-a',
    at: at(offsetMs),
    ...extra,
  } satisfies ClassifierCorrection;
}

export function describeClassifierContract(ctx: ContractContext): void {
  describe('classifier corrections', () => {
    it('keeps corrections per workspace, oldest first, and counts them', async () => {
      const store = ctx.store();
      expect(await store.classifierCorrections.count('ws-1')).toBe(0);
      await store.classifierCorrections.add(correction('c2', 2000, { fromLabel: null, ticketId: null }));
      await store.classifierCorrections.add(correction('c1', 1000));
      await store.classifierCorrections.add(correction('c3', 3000, { workspaceId: 'ws-2', text: '' }));
      await expect(store.classifierCorrections.add(correction('c1', 4000))).rejects.toMatchObject({
        code: 'duplicate',
      });
      expect(await store.classifierCorrections.list('ws-1')).toEqual([
        correction('c1', 1000),
        correction('c2', 2000, { fromLabel: null, ticketId: null }),
      ]);
      expect((await store.classifierCorrections.list('ws-1', at(1500))).map((c) => c.id)).toEqual(['c2']);
      expect(await store.classifierCorrections.list('ws-2')).toEqual([
        correction('c3', 3000, { workspaceId: 'ws-2', text: '' }),
      ]);
      expect(await store.classifierCorrections.count('ws-1')).toBe(2);
      expect(await store.classifierCorrections.count('ws-3')).toBe(0);
    });

    it('lists the corrections of many tickets in one read, oldest first, in the workspace only', async () => {
      const store = ctx.store();
      await store.classifierCorrections.add(correction('c3', 3000, { ticketId: 't-2' }));
      await store.classifierCorrections.add(correction('c1', 1000));
      await store.classifierCorrections.add(correction('c2', 2000, { ticketId: 't-3' }));
      await store.classifierCorrections.add(correction('c4', 4000, { ticketId: null }));
      await store.classifierCorrections.add(correction('c5', 5000, { workspaceId: 'ws-2', ticketId: 't-2' }));
      const found = await store.classifierCorrections.listForTickets('ws-1', ['t-2', 't-1', 'none']);
      expect(found).toEqual([correction('c1', 1000), correction('c3', 3000, { ticketId: 't-2' })]);
      expect(await store.classifierCorrections.listForTickets('ws-1', [])).toEqual([]);
    });

    it('adds a correction inside a transaction only when it commits', async () => {
      const store = ctx.store();
      await expect(
        store.transaction(async (tx) => {
          await tx.classifierCorrections.add(correction('c1', 0));
          expect(await tx.classifierCorrections.count('ws-1')).toBe(1);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await store.classifierCorrections.count('ws-1')).toBe(0);
    });
  });
}

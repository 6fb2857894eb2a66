import { describe, expect, it } from 'vitest';
import { at, type ContractContext } from './contract-context.ts';

export function describeProgressLinkContract(ctx: ContractContext): void {
  describe('progress link revocations', () => {
    it('knows nothing of a ticket never revoked, and keeps one time per ticket', async () => {
      const store = ctx.store();
      expect(await store.progressLinkRevocations.get('t-1')).toBeNull();
      expect(
        await store.progressLinkRevocations.revoke({ ticketId: 't-1', revokedBefore: at(1000) }),
      ).toEqual({
        ticketId: 't-1',
        revokedBefore: at(1000),
      });
      await store.progressLinkRevocations.revoke({ ticketId: 't-2', revokedBefore: at(5000) });
      expect(await store.progressLinkRevocations.get('t-1')).toEqual({
        ticketId: 't-1',
        revokedBefore: at(1000),
      });
      expect(await store.progressLinkRevocations.get('t-2')).toEqual({
        ticketId: 't-2',
        revokedBefore: at(5000),
      });
    });

    it('moves the time forward, never back, and stores it in UTC with milliseconds', async () => {
      const store = ctx.store();
      await store.progressLinkRevocations.revoke({ ticketId: 't-1', revokedBefore: at(60_000) });
      const earlier = await store.progressLinkRevocations.revoke({
        ticketId: 't-1',
        revokedBefore: at(1000),
      });
      expect(earlier.revokedBefore).toBe(at(60_000));
      const later = await store.progressLinkRevocations.revoke({
        ticketId: 't-1',
        revokedBefore: '2026-11-22T17:00:00+08:00',
      });
      expect(later.revokedBefore).toBe('2026-11-22T09:00:00.000Z');
      expect((await store.progressLinkRevocations.get('t-1'))?.revokedBefore).toBe(
        '2026-11-22T09:00:00.000Z',
      );
    });

    it('is undone with the transaction that wrote it', async () => {
      const store = ctx.store();
      await expect(
        store.transaction(async (tx) => {
          await tx.progressLinkRevocations.revoke({ ticketId: 't-9', revokedBefore: at(0) });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await store.progressLinkRevocations.get('t-9')).toBeNull();
    });
  });
}

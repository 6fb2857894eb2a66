import { describe, expect, it } from 'vitest';
import type { NewAnomaly } from '../port/anomaly.types.ts';
import { at, type ContractContext } from './contract-context.ts';
import { sampleTicket } from './tickets.contract.ts';

const HOUR = 60 * 60 * 1000;

function finding(id: string, extra: Partial<NewAnomaly> = {}): NewAnomaly {
  return {
    id,
    workspaceId: 'ws-1',
    seriesKind: 'category',
    seriesKey: 'electrical',
    hour: at(0),
    value: 120,
    baseline: 40,
    score: 9.5,
    volume: 120,
    detectedAt: at(HOUR + 60_000),
    ...extra,
  };
}

export function describeAnomalyContract(ctx: ContractContext): void {
  describe('anomalies', () => {
    it('stores one anomaly per series and hour: a second finding returns the first unchanged', async () => {
      const store = ctx.store();
      const first = await store.anomalies.record(finding('a1'));
      expect(first.created).toBe(true);
      expect(first.anomaly).toMatchObject({ id: 'a1', status: 'open', value: 120, ackedBy: null });
      const again = await store.anomalies.record(finding('a2', { value: 130, score: 11 }));
      expect(again.created).toBe(false);
      expect(again.anomaly).toMatchObject({ id: 'a1', value: 120, score: 9.5 });
      expect(await store.anomalies.get('a2')).toBeNull();
      // Another hour, series key or workspace is another anomaly.
      expect((await store.anomalies.record(finding('a3', { hour: at(HOUR) }))).created).toBe(true);
      expect((await store.anomalies.record(finding('a4', { seriesKey: 'mechanical' }))).created).toBe(true);
      expect((await store.anomalies.record(finding('a5', { workspaceId: 'ws-2' }))).created).toBe(true);
    });

    it('keeps a second finding out inside a transaction that rolls back nothing of the first', async () => {
      const store = ctx.store();
      const created = await store.transaction(async (tx) => {
        const one = await tx.anomalies.record(finding('t1'));
        const two = await tx.anomalies.record(finding('t2'));
        return [one.created, two.created];
      });
      expect(created).toEqual([true, false]);
      expect((await store.anomalies.list({ workspaceId: 'ws-1' })).map((anomaly) => anomaly.id)).toEqual([
        't1',
      ]);
    });

    it('lists the newest hour first, then the highest score, filtered by status and hours', async () => {
      const store = ctx.store();
      await store.anomalies.record(finding('old', { hour: at(0), score: 20 }));
      await store.anomalies.record(finding('new-low', { hour: at(2 * HOUR), score: 4, seriesKey: 'x' }));
      await store.anomalies.record(finding('new-high', { hour: at(2 * HOUR), score: 8, seriesKey: 'y' }));
      await store.anomalies.record(finding('other', { workspaceId: 'ws-2' }));
      const all = await store.anomalies.list({ workspaceId: 'ws-1' });
      expect(all.map((anomaly) => anomaly.id)).toEqual(['new-high', 'new-low', 'old']);
      const acked = await store.anomalies.acknowledge('new-low', 'user-1', at(3 * HOUR));
      expect(acked).toMatchObject({ status: 'acked', ackedBy: 'user-1', ackedAt: at(3 * HOUR) });
      // Acknowledging again keeps who did it first.
      expect(await store.anomalies.acknowledge('new-low', 'user-2', at(4 * HOUR))).toMatchObject({
        ackedBy: 'user-1',
      });
      expect(await store.anomalies.acknowledge('missing', 'user-1', at(0))).toBeNull();
      const open = await store.anomalies.list({ workspaceId: 'ws-1', status: 'open' });
      expect(open.map((anomaly) => anomaly.id)).toEqual(['new-high', 'old']);
      const window = await store.anomalies.list({ workspaceId: 'ws-1', from: at(HOUR), to: at(3 * HOUR) });
      expect(window.map((anomaly) => anomaly.id)).toEqual(['new-high', 'new-low']);
      expect(await store.anomalies.list({ workspaceId: 'ws-1', limit: 1 })).toHaveLength(1);
    });

    it("reads an hour's tickets by creation and by resolution due time", async () => {
      const store = ctx.store();
      await store.tickets.create(
        sampleTicket('c1', {
          createdAt: at(10),
          updatedAt: at(10),
          category: 'electrical',
          channel: 'email',
          tags: ['complaint'],
          customFields: { deviceModel: 'CNC-850' },
          resolutionDueAt: at(HOUR + 10),
          slaState: 'breached',
        }),
      );
      await store.tickets.create(
        sampleTicket('c2', {
          createdAt: at(HOUR - 1),
          updatedAt: at(HOUR - 1),
          resolutionDueAt: at(HOUR + 20),
        }),
      );
      await store.tickets.create(sampleTicket('c3', { createdAt: at(HOUR), updatedAt: at(HOUR) }));
      await store.tickets.create(
        sampleTicket('c4', { workspaceId: 'ws-2', createdAt: at(10), updatedAt: at(10) }),
      );
      const created = await store.anomalies.ticketsCreatedIn({
        workspaceId: 'ws-1',
        from: at(0),
        to: at(HOUR),
      });
      expect(created).toHaveLength(2);
      expect(created).toContainEqual({
        channel: 'email',
        category: 'electrical',
        tags: ['complaint'],
        customFields: { deviceModel: 'CNC-850' },
      });
      const due = await store.anomalies.ticketsDueIn({
        workspaceId: 'ws-1',
        from: at(HOUR),
        to: at(2 * HOUR),
      });
      expect(due.map((row) => row.slaState).sort()).toEqual(['breached', 'none']);
    });
  });
}

import { describe, expect, it } from 'vitest';
import type { StoreRepositories } from '../store.port.ts';
import { at, type ContractContext, createSampleFlow, sampleGraph } from './contract-context.ts';

class Boom extends Error {}

async function writeEverything(tx: StoreRepositories, suffix: string): Promise<void> {
  await tx.flows.create({
    id: `flow-${suffix}`,
    workspaceId: 'ws-1',
    name: 'In a transaction',
    draft: sampleGraph(),
    createdBy: 'u',
    now: at(0),
  });
  await tx.versions.publish(`flow-${suffix}`, sampleGraph(), '', 'u', at(1));
  await tx.executions.create({
    id: `ex-${suffix}`,
    flowId: `flow-${suffix}`,
    version: 1,
    status: 'running',
    state: {},
    startedAt: at(2),
  });
  await tx.executions.appendSteps(`ex-${suffix}`, [
    {
      seq: 1,
      nodeId: 'start',
      nodeType: 'trigger.request',
      visit: 1,
      input: {},
      output: {},
      port: 'out',
      startedAt: at(2),
      finishedAt: at(3),
    },
  ]);
  await tx.jobs.enqueue({ id: `job-${suffix}`, kind: 'outbox', runAt: at(3), payload: {}, now: at(3) });
  await tx.counters.next(`ticket:${suffix}`);
}

export function describeTransactionContract(ctx: ContractContext): void {
  describe('transactions', () => {
    it('commits every write of the function and returns its result', async () => {
      const store = ctx.store();
      const result = await store.transaction(async (tx) => {
        await writeEverything(tx, 'a');
        // Reads inside the transaction see its own writes.
        return (await tx.counters.current('ticket:a')) + (await tx.executions.listSteps('ex-a')).length;
      });
      expect(result).toBe(2);
      expect(await store.flows.get('flow-a')).not.toBeNull();
      expect((await store.versions.latest('flow-a'))?.version).toBe(1);
      expect(await store.executions.listSteps('ex-a')).toHaveLength(1);
      expect(await store.jobs.get('job-a')).not.toBeNull();
      expect(await store.counters.current('ticket:a')).toBe(1);
    });

    it('leaves nothing written when the function throws', async () => {
      const store = ctx.store();
      await createSampleFlow(store, 'existing');
      const outcome = await store
        .transaction(async (tx) => {
          await writeEverything(tx, 'b');
          await tx.flows.updateDraft('existing', sampleGraph('Changed'), 1, 'u', at(5));
          throw new Boom('activity failed');
        })
        .catch((caught: unknown) => caught);
      expect(outcome).toBeInstanceOf(Boom);
      expect(await store.flows.get('flow-b')).toBeNull();
      expect(await store.versions.list('flow-b')).toEqual([]);
      expect(await store.executions.get('ex-b')).toBeNull();
      expect(await store.executions.listSteps('ex-b')).toEqual([]);
      expect(await store.jobs.get('job-b')).toBeNull();
      expect(await store.counters.current('ticket:b')).toBe(0);
      expect(await store.flows.get('existing')).toMatchObject({ draftRevision: 1 });
    });

    it('keeps writes made outside an open transaction when that transaction rolls back', async () => {
      const store = ctx.store();
      let outside: Promise<number> | undefined;
      await store
        .transaction(async (tx) => {
          await tx.counters.next('inside');
          // Another caller writes while the transaction is open and waiting on I/O.
          outside = store.counters.next('outside');
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Boom('rollback');
        })
        .catch(() => undefined);
      expect(await outside).toBe(1);
      expect(await store.counters.current('outside')).toBe(1);
      expect(await store.counters.current('inside')).toBe(0);
    });

    it('runs concurrent transactions without losing either', async () => {
      const store = ctx.store();
      const peer = await ctx.peer();
      await Promise.all([
        store.transaction((tx) => writeEverything(tx, 'c')),
        peer.transaction((tx) => writeEverything(tx, 'd')),
        store.transaction(async (tx) => {
          await tx.counters.next('shared');
          await tx.counters.next('shared');
        }),
        peer.transaction(async (tx) => {
          await tx.counters.next('shared');
        }),
      ]);
      expect(await store.jobs.get('job-c')).not.toBeNull();
      expect(await store.jobs.get('job-d')).not.toBeNull();
      expect(await store.counters.current('shared')).toBe(3);
    });

    it('refuses to use transaction repositories after the transaction ended', async () => {
      const store = ctx.store();
      let escaped: StoreRepositories | undefined;
      await store.transaction(async (tx) => {
        escaped = tx;
      });
      await expect(escaped?.counters.next('late')).rejects.toThrow();
      expect(await store.counters.current('late')).toBe(0);
    });

    it('rolls back only the failing one of many concurrent transactions', async () => {
      const store = ctx.store();
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, index) =>
          store.transaction(async (tx) => {
            await writeEverything(tx, `many-${index}`);
            if (index === 5) throw new Boom('only this one');
            return index;
          }),
        ),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(11);
      expect(results[5]).toMatchObject({ status: 'rejected', reason: expect.any(Boom) });
      expect(await store.flows.get('flow-many-5')).toBeNull();
      expect(await store.counters.current('ticket:many-5')).toBe(0);
      expect(await store.jobs.get('job-many-5')).toBeNull();
      for (const index of [0, 4, 6, 11]) {
        expect(await store.flows.get(`flow-many-${index}`)).not.toBeNull();
        expect(await store.counters.current(`ticket:many-${index}`)).toBe(1);
      }
    });
  });
}

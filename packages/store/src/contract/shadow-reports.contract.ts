import { describe, expect, it } from 'vitest';
import { at, type ContractContext, createSampleFlow, sampleGraph } from './contract-context.ts';

const report = {
  replayed: 2,
  changedCount: 1,
  // Keys from customer data must come back as written.
  groups: [{ kind: 'team', from: 'after.sales', to: 'vip', count: 1, $share: 0.5 }],
};

const input = (id: string, flowId = 'flow-1', createdAt = at(0)) => ({
  id,
  flowId,
  workspaceId: 'ws-1',
  liveVersion: 3,
  draftRevision: 7,
  report,
  createdBy: 'user-a',
  createdAt,
});

export function describeShadowReportContract(ctx: ContractContext): void {
  describe('shadow-run reports', () => {
    it('keeps a report as given and finds it by id', async () => {
      const store = ctx.store();
      const created = await store.shadowReports.create(input('sr-1'));
      expect(created).toEqual({ ...input('sr-1'), publishedVersion: null });
      expect(await store.shadowReports.get('sr-1')).toEqual(created);
      expect(await store.shadowReports.get('missing')).toBeNull();
      await expect(store.shadowReports.create(input('sr-1'))).rejects.toMatchObject({ code: 'duplicate' });
    });

    it('goes with the version it was published with, and only that one', async () => {
      const store = ctx.store();
      await store.shadowReports.create(input('sr-1'));
      await store.shadowReports.create(input('sr-2', 'flow-1', at(1000)));
      await store.shadowReports.create(input('sr-3', 'flow-2'));
      expect(await store.shadowReports.attachToVersion('sr-2', 4)).toBe(true);
      expect(await store.shadowReports.attachToVersion('missing', 4)).toBe(false);
      expect((await store.shadowReports.forVersion('flow-1', 4))?.id).toBe('sr-2');
      expect((await store.shadowReports.get('sr-2'))?.publishedVersion).toBe(4);
      expect(await store.shadowReports.forVersion('flow-1', 3)).toBeNull();
      expect(await store.shadowReports.forVersion('flow-2', 4)).toBeNull();
    });

    it('vouches for one version only: a second attach changes nothing', async () => {
      const store = ctx.store();
      await store.shadowReports.create(input('sr-1'));
      expect(await store.shadowReports.attachToVersion('sr-1', 4)).toBe(true);
      expect(await store.shadowReports.attachToVersion('sr-1', 5)).toBe(false);
      expect((await store.shadowReports.get('sr-1'))?.publishedVersion).toBe(4);
      expect(await store.shadowReports.forVersion('flow-1', 5)).toBeNull();
    });

    it('a publish and its report attach commit together or not at all', async () => {
      const store = ctx.store();
      await createSampleFlow(store);
      await store.shadowReports.create(input('sr-1'));
      await store.shadowReports.attachToVersion('sr-1', 99);
      await store.shadowReports.create(input('sr-2'));
      // The report was used meanwhile: the version must not be published without it.
      await expect(
        store.transaction(async (tx) => {
          const version = await tx.versions.publish('flow-1', sampleGraph(), '', 'user-a', at(5));
          if (!(await tx.shadowReports.attachToVersion('sr-1', version.version)))
            throw new Error('report used');
          return version;
        }),
      ).rejects.toThrow('report used');
      expect(await store.versions.latest('flow-1')).toBeNull();
      const published = await store.transaction(async (tx) => {
        const version = await tx.versions.publish('flow-1', sampleGraph(), '', 'user-a', at(6));
        expect(await tx.shadowReports.attachToVersion('sr-2', version.version)).toBe(true);
        return version;
      });
      expect((await store.shadowReports.forVersion('flow-1', published.version))?.id).toBe('sr-2');
    });
  });
}

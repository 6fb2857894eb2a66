import { describe, expect, it } from 'vitest';
import { isStoreError } from '../port/store-error.ts';
import { at, type ContractContext, createSampleFlow, sampleGraph } from './contract-context.ts';

export function describeFlowContract(ctx: ContractContext): void {
  describe('flows', () => {
    it('creates a flow whose draft reads back unchanged at revision 1', async () => {
      const created = await createSampleFlow(ctx.store());
      const read = await ctx.store().flows.get('flow-1');
      expect(read).toEqual(created);
      expect(read).toMatchObject({
        draftRevision: 1,
        archivedAt: null,
        createdBy: 'user-a',
        updatedBy: 'user-a',
      });
      expect(read?.draft).toEqual(sampleGraph());
      expect(await ctx.store().flows.get('missing')).toBeNull();
    });

    it('refuses a second flow with the same id', async () => {
      await createSampleFlow(ctx.store());
      const error = await createSampleFlow(ctx.store()).catch((caught: unknown) => caught);
      expect(isStoreError(error, 'duplicate')).toBe(true);
    });

    it('lists one workspace, hiding archived flows unless asked', async () => {
      const store = ctx.store();
      await createSampleFlow(store, 'a');
      await createSampleFlow(store, 'b');
      await createSampleFlow(store, 'other', 'ws-2');
      expect(await store.flows.archive('a', at(10))).toBe(true);
      expect(await store.flows.archive('a', at(11))).toBe(false);
      expect((await store.flows.list({ workspaceId: 'ws-1' })).map((flow) => flow.id)).toEqual(['b']);
      const all = await store.flows.list({ workspaceId: 'ws-1', includeArchived: true });
      expect(all.map((flow) => flow.id).sort()).toEqual(['a', 'b']);
      expect(all.find((flow) => flow.id === 'a')?.archivedAt).toBe(at(10));
      expect(await store.flows.unarchive('a', at(12))).toBe(true);
      expect(await store.flows.list({ workspaceId: 'ws-1' })).toHaveLength(2);
    });

    it('saves a draft only when the editor saw the latest revision', async () => {
      const store = ctx.store();
      await createSampleFlow(store);
      const saved = await store.flows.updateDraft('flow-1', sampleGraph('Edited'), 1, 'user-b', at(5));
      expect(saved).toEqual({ ok: true, revision: 2 });
      const stale = await store.flows.updateDraft('flow-1', sampleGraph('Lost'), 1, 'user-c', at(6));
      expect(stale).toEqual({
        ok: false,
        reason: 'revision_conflict',
        currentRevision: 2,
        updatedBy: 'user-b',
        updatedAt: at(5),
      });
      expect((await store.flows.get('flow-1'))?.draft.nodes[0]?.label).toBe('Edited');
      expect(await store.flows.updateDraft('missing', sampleGraph(), 1, 'user-b', at(7))).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('lets exactly one of two people editing the same revision win', async () => {
      const store = ctx.store();
      await createSampleFlow(store);
      const peer = await ctx.peer();
      const results = await Promise.all([
        store.flows.updateDraft('flow-1', sampleGraph('Alice'), 1, 'alice', at(5)),
        peer.flows.updateDraft('flow-1', sampleGraph('Bob'), 1, 'bob', at(5)),
      ]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok && result.reason === 'revision_conflict')).toHaveLength(1);
      expect((await store.flows.get('flow-1'))?.draftRevision).toBe(2);
    });

    it('renames without moving the draft revision, and deletes a flow with its versions', async () => {
      const store = ctx.store();
      await createSampleFlow(store);
      await store.versions.publish('flow-1', sampleGraph(), 'first', 'user-a', at(1));
      expect(await store.flows.updateDetails('flow-1', { name: '售后' }, 'user-b', at(2))).toBe(true);
      expect(await store.flows.get('flow-1')).toMatchObject({
        name: '售后',
        draftRevision: 1,
        updatedBy: 'user-b',
      });
      expect(await store.flows.delete('flow-1')).toBe(true);
      expect(await store.flows.get('flow-1')).toBeNull();
      expect(await store.versions.list('flow-1')).toEqual([]);
      expect(await store.flows.delete('flow-1')).toBe(false);
    });
  });

  describe('names in both languages', () => {
    it('keeps a flow’s names in both languages, has none for a flow named by hand, and drops them on a rename', async () => {
      const store = ctx.store();
      const names = { 'zh-CN': '售后报修', en: 'After-sales repairs' };
      const created = await store.flows.create({
        id: 'template-flow',
        workspaceId: 'ws-1',
        name: names['zh-CN'],
        localizedName: names,
        draft: sampleGraph(),
        createdBy: 'user-a',
        now: at(0),
      });
      expect(created.localizedName).toEqual(names);
      expect(await store.flows.get('template-flow')).toEqual(created);
      expect((await store.flows.list({ workspaceId: 'ws-1' }))[0]?.localizedName).toEqual(names);
      await createSampleFlow(store, 'by-hand');
      expect(await store.flows.get('by-hand')).not.toHaveProperty('localizedName');

      expect(await store.flows.updateDetails('template-flow', { description: '说明' }, 'user-b', at(1))).toBe(
        true,
      );
      expect((await store.flows.get('template-flow'))?.localizedName).toEqual(names);
      expect(await store.flows.updateDetails('template-flow', { name: '我的报修' }, 'user-b', at(2))).toBe(
        true,
      );
      const renamed = await store.flows.get('template-flow');
      expect(renamed?.name).toBe('我的报修');
      expect(renamed).not.toHaveProperty('localizedName');
    });
  });

  describe('flow activation and order', () => {
    it('starts new flows on, each after the ones before it', async () => {
      const store = ctx.store();
      const first = await createSampleFlow(store, 'a');
      const second = await createSampleFlow(store, 'b');
      const elsewhere = await createSampleFlow(store, 'other', 'ws-2');
      expect([first.enabled, second.enabled, elsewhere.enabled]).toEqual([true, true, true]);
      expect(second.position).toBeGreaterThan(first.position);
      expect(await store.flows.get('b')).toEqual(second);
    });

    it('turns a flow off and on without moving its draft revision', async () => {
      const store = ctx.store();
      await createSampleFlow(store);
      expect(await store.flows.setEnabled('flow-1', false)).toBe(true);
      expect(await store.flows.get('flow-1')).toMatchObject({ enabled: false, draftRevision: 1 });
      expect((await store.flows.list({ workspaceId: 'ws-1' }))[0]?.enabled).toBe(false);
      expect(await store.flows.setEnabled('flow-1', true)).toBe(true);
      expect((await store.flows.get('flow-1'))?.enabled).toBe(true);
      expect(await store.flows.setEnabled('missing', false)).toBe(false);
    });

    it('moves a flow past its unarchived neighbour and stops at either end', async () => {
      const store = ctx.store();
      for (const id of ['a', 'b', 'c', 'd']) await createSampleFlow(store, id);
      await createSampleFlow(store, 'x', 'ws-2');
      await store.flows.archive('b', at(1));
      const order = async () =>
        (await store.flows.list({ workspaceId: 'ws-1' }))
          .sort((one, other) => one.position - other.position)
          .map((flow) => flow.id);
      expect(await order()).toEqual(['a', 'c', 'd']);
      expect(await store.flows.move('d', 'up')).toBe('moved');
      expect(await order()).toEqual(['a', 'd', 'c']);
      expect(await store.flows.move('a', 'down')).toBe('moved');
      expect(await order()).toEqual(['d', 'a', 'c']);
      expect(await store.flows.move('d', 'up')).toBe('at_edge');
      expect(await store.flows.move('c', 'down')).toBe('at_edge');
      expect(await store.flows.move('missing', 'up')).toBe('not_found');
      expect(await store.flows.move('x', 'up')).toBe('at_edge');
      const positions = (await store.flows.list({ workspaceId: 'ws-1' })).map((flow) => flow.position);
      expect(new Set(positions).size).toBe(positions.length);
    });
  });

  describe('versions', () => {
    it('numbers published versions 1, 2, 3 and keeps each graph as it was', async () => {
      const store = ctx.store();
      await createSampleFlow(store);
      const v1 = await store.versions.publish('flow-1', sampleGraph('One'), 'first', 'user-a', at(1));
      await store.flows.updateDraft('flow-1', sampleGraph('Two'), 1, 'user-a', at(2));
      const v2 = await store.versions.publish('flow-1', sampleGraph('Two'), '', 'user-b', at(3));
      expect(v1).toEqual({
        flowId: 'flow-1',
        version: 1,
        graph: sampleGraph('One'),
        note: 'first',
        author: 'user-a',
        publishedAt: at(1),
      });
      expect(v2.version).toBe(2);
      expect(await store.versions.get('flow-1', 1)).toEqual(v1);
      expect(await store.versions.get('flow-1', 3)).toBeNull();
      expect((await store.versions.list('flow-1')).map((version) => version.version)).toEqual([2, 1]);
      expect(await store.versions.latest('flow-1')).toEqual(v2);
      expect(await store.versions.latest('flow-2')).toBeNull();
    });

    it('refuses to publish a flow that does not exist', async () => {
      const error = await ctx
        .store()
        .versions.publish('missing', sampleGraph(), '', 'user-a', at(1))
        .catch((caught: unknown) => caught);
      expect(isStoreError(error, 'not_found')).toBe(true);
    });

    it('never gives two concurrent publishes the same number', async () => {
      const store = ctx.store();
      await createSampleFlow(store);
      const peer = await ctx.peer();
      const published = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          (index % 2 === 0 ? store : peer).versions.publish(
            'flow-1',
            sampleGraph(),
            `n${index}`,
            'u',
            at(index),
          ),
        ),
      );
      const numbers = published.map((version) => version.version).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
      expect((await store.versions.latest('flow-1'))?.version).toBe(12);
    });
  });
}

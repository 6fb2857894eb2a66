import { describe, expect, it } from 'vitest';
import { at, type ContractContext, createSampleFlow } from './contract-context.ts';

const sample = (message: string) => ({
  data: { request: { channel: 'web_form', message, customFields: { 'order.no': 'A-1' } } },
  customer: { vipLevel: 3, tags: ['金卡'] },
});
const expected = { path: [{ nodeId: 'start', port: 'next' }], status: 'completed' };

function input(name: string, id: string, message = '我要退货', savedBy = 'user-a', now = at(0)) {
  return {
    id,
    flowId: 'flow-1',
    workspaceId: 'ws-1',
    name,
    sample: sample(message),
    expected,
    savedBy,
    now,
  };
}

export function describeFlowTestCaseContract(ctx: ContractContext): void {
  describe('flow test cases', () => {
    it('keeps each flow its cases, in the order first saved, with sample and expectation unchanged', async () => {
      const store = ctx.store();
      await createSampleFlow(store, 'flow-1');
      await createSampleFlow(store, 'flow-2');
      const vip = await store.flowTestCases.save(input('VIP 客户', 'tc-1'));
      expect(vip).toEqual({
        id: 'tc-1',
        flowId: 'flow-1',
        workspaceId: 'ws-1',
        name: 'VIP 客户',
        sample: sample('我要退货'),
        expected,
        createdBy: 'user-a',
        createdAt: at(0),
        updatedBy: 'user-a',
        updatedAt: at(0),
      });
      await store.flowTestCases.save(input('regular', 'tc-2'));
      await store.flowTestCases.save({ ...input('other flow', 'tc-3'), flowId: 'flow-2' });
      expect((await store.flowTestCases.list('flow-1')).map((entry) => entry.name)).toEqual([
        'VIP 客户',
        'regular',
      ]);
      expect((await store.flowTestCases.list('flow-2')).map((entry) => entry.id)).toEqual(['tc-3']);
      expect(await store.flowTestCases.list('flow-9')).toEqual([]);
      expect(await store.flowTestCases.get('tc-1')).toEqual(vip);
      expect(await store.flowTestCases.get('tc-9')).toBeNull();
    });

    it('replaces the case of the same name, keeping its id, creator and place', async () => {
      const store = ctx.store();
      await createSampleFlow(store, 'flow-1');
      await store.flowTestCases.save(input('first', 'tc-1'));
      await store.flowTestCases.save(input('second', 'tc-2'));
      const replaced = await store.flowTestCases.save(
        input('first', 'tc-new', '换个说法', 'user-b', '2026-11-22T17:00:00+08:00'),
      );
      expect(replaced).toMatchObject({
        id: 'tc-1',
        createdBy: 'user-a',
        createdAt: at(0),
        updatedBy: 'user-b',
        updatedAt: '2026-11-22T09:00:00.000Z',
        sample: sample('换个说法'),
      });
      expect((await store.flowTestCases.list('flow-1')).map((entry) => [entry.id, entry.name])).toEqual([
        ['tc-1', 'first'],
        ['tc-2', 'second'],
      ]);
      expect(await store.flowTestCases.get('tc-new')).toBeNull();
    });

    it('deletes one case, says whether there was one, and rolls back with its transaction', async () => {
      const store = ctx.store();
      await createSampleFlow(store, 'flow-1');
      await store.flowTestCases.save(input('first', 'tc-1'));
      expect(await store.flowTestCases.delete('tc-1')).toBe(true);
      expect(await store.flowTestCases.delete('tc-1')).toBe(false);
      expect(await store.flowTestCases.list('flow-1')).toEqual([]);
      await expect(
        store.transaction(async (tx) => {
          await tx.flowTestCases.save(input('lost', 'tc-2'));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await store.flowTestCases.list('flow-1')).toEqual([]);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { at, type ContractContext } from './contract-context.ts';

export function describeCustomerSearchContract(ctx: ContractContext): void {
  describe('customer search', () => {
    it('finds profiles by part of a name or a whole identity, per workspace, most recently updated first', async () => {
      const store = ctx.store();
      const create = (id: string, name: string | null, value: string, offset: number, workspaceId = 'ws-1') =>
        store.customers.create({
          id,
          workspaceId,
          name,
          identities: [{ kind: value.includes('@') ? 'email' : 'phone', value }],
          now: at(offset),
        });
      await create('c1', '王小明', 'wang@example.com', 0);
      await create('c2', '王芳', '13812345678', 1000);
      await create('c3', 'Grace_Lin', 'grace_lin@example.com', 2000);
      await create('c4', '王五', '13900000000', 3000, 'ws-2');
      await create('c5', null, '100%real@example.com', 4000);

      const ids = async (query: string, limit = 10) =>
        (await store.customers.search('ws-1', query, limit)).map((profile) => profile.id);
      expect(await ids('王')).toEqual(['c2', 'c1']);
      expect(await ids('王', 1)).toEqual(['c2']);
      expect(await ids('13812345678')).toEqual(['c2']);
      // Part of a contact finds nothing: answers show contacts masked.
      expect(await ids('5678')).toEqual([]);
      expect(await ids('wang@')).toEqual([]);
      expect(await ids('GRACE')).toEqual(['c3']);
      // Wildcards in the query are plain characters.
      expect(await ids('_')).toEqual(['c3']);
      expect(await ids('%')).toEqual([]);
      expect(await ids('100%real@example.com')).toEqual(['c5']);
      expect(await ids('nobody')).toEqual([]);
      const [found] = await store.customers.search('ws-1', 'wang@example.com', 10);
      expect(found?.identities).toEqual([{ kind: 'email', value: 'wang@example.com' }]);
    });
  });
}

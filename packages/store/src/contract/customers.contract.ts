import { describe, expect, it } from 'vitest';
import { isStoreError } from '../port/store-error.ts';
import { at, type ContractContext } from './contract-context.ts';

export function describeCustomerContract(ctx: ContractContext): void {
  describe('customers', () => {
    it('finds a profile by any of its identities, per workspace', async () => {
      const store = ctx.store();
      const created = await store.customers.create({
        id: 'c1',
        workspaceId: 'ws-1',
        name: '王小明',
        identities: [
          { kind: 'phone', value: '13812345678' },
          { kind: 'channel:wechat', value: 'openid-1' },
        ],
        now: at(0),
      });
      expect(created).toMatchObject({ vipLevel: 0, requestCount: 0, complaintCount: 0, tags: [] });
      const byWechat = await store.customers.findByIdentity('ws-1', {
        kind: 'channel:wechat',
        value: 'openid-1',
      });
      expect(byWechat?.id).toBe('c1');
      expect(byWechat?.identities).toEqual(created.identities);
      expect(
        await store.customers.findByIdentity('ws-2', { kind: 'phone', value: '13812345678' }),
      ).toBeNull();
    });

    it('reads many profiles at once, each as get reads it, leaving unknown ids out', async () => {
      const store = ctx.store();
      const ids: string[] = [];
      for (let n = 0; n < 520; n += 1) {
        const id = `many-${n}`;
        ids.push(id);
        await store.customers.create({
          id,
          workspaceId: 'ws-1',
          name: `客户${n}`,
          identities: [
            { kind: 'phone', value: `1390000${String(n).padStart(4, '0')}` },
            { kind: 'email', value: `c${n}@example.com` },
          ],
          now: at(n),
        });
      }
      // More than one chunk, an id twice and one that does not exist.
      const found = await store.customers.getMany([...ids, 'many-3', 'nobody']);
      expect(found.size).toBe(520);
      expect(found.has('nobody')).toBe(false);
      for (const id of ['many-0', 'many-499', 'many-519'])
        expect(found.get(id)).toEqual(await store.customers.get(id));
      expect(found.get('many-7')?.identities).toEqual([
        { kind: 'phone', value: '13900000007' },
        { kind: 'email', value: 'c7@example.com' },
      ]);
      expect((await store.customers.getMany([])).size).toBe(0);
    });

    it('keeps an identity to one profile', async () => {
      const store = ctx.store();
      const phone = { kind: 'phone' as const, value: '13812345678' };
      await store.customers.create({ id: 'c1', workspaceId: 'ws-1', identities: [phone], now: at(0) });
      const clash = store.customers.create({
        id: 'c2',
        workspaceId: 'ws-1',
        identities: [phone],
        now: at(1),
      });
      await expect(clash).rejects.toSatisfy((error) => isStoreError(error, 'duplicate'));
      expect(await store.customers.get('c2')).toBeNull();
      await store.customers.create({ id: 'c3', workspaceId: 'ws-1', identities: [], now: at(2) });
      await expect(store.customers.addIdentity('c3', phone, at(3))).rejects.toSatisfy((error) =>
        isStoreError(error, 'duplicate'),
      );
      expect(await store.customers.addIdentity('c1', phone, at(3))).toBe(false);
      expect(await store.customers.addIdentity('c3', { kind: 'email', value: 'a@b.cn' }, at(3))).toBe(true);
    });

    it('counts contacts and merges two profiles into one', async () => {
      const store = ctx.store();
      await store.customers.create({
        id: 'c1',
        workspaceId: 'ws-1',
        name: '王小明',
        tags: ['老客户'],
        identities: [{ kind: 'phone', value: '13812345678' }],
        now: at(0),
      });
      await store.customers.create({
        id: 'c2',
        workspaceId: 'ws-1',
        tags: ['投诉过'],
        vipLevel: 2,
        identities: [{ kind: 'email', value: 'wang@example.cn' }],
        now: at(0),
      });
      await store.customers.recordContact('c1', { requests: 1, at: at(1000) });
      await store.customers.recordContact('c2', { requests: 2, complaints: 1, at: at(5000) });
      await store.customers.recordContact('c2', { requests: 0, at: at(2000) });
      const merged = await store.customers.merge('c1', 'c2', at(6000));
      expect(merged).toMatchObject({
        id: 'c1',
        name: '王小明',
        vipLevel: 2,
        requestCount: 3,
        complaintCount: 1,
        lastContactAt: at(5000),
        tags: ['老客户', '投诉过'],
      });
      expect(merged?.identities.map((identity) => identity.kind)).toEqual(['phone', 'email']);
      expect(await store.customers.get('c2')).toBeNull();
      const byEmail = await store.customers.findByIdentity('ws-1', {
        kind: 'email',
        value: 'wang@example.cn',
      });
      expect(byEmail?.id).toBe('c1');
      expect(await store.customers.update('c1', { vipLevel: 3, tags: [] }, at(7000))).toMatchObject({
        vipLevel: 3,
        tags: [],
        name: '王小明',
      });
    });

    it('keeps the language a customer writes in, unknown until told', async () => {
      const store = ctx.store();
      const unknown = await store.customers.create({
        id: 'c1',
        workspaceId: 'ws-1',
        identities: [{ kind: 'phone', value: '13812345678' }],
        now: at(0),
      });
      expect(unknown.locale).toBeNull();
      await store.customers.create({
        id: 'c2',
        workspaceId: 'ws-1',
        locale: 'en',
        identities: [{ kind: 'email', value: 'amy@example.com' }],
        now: at(0),
      });
      const byEmail = await store.customers.findByIdentity('ws-1', {
        kind: 'email',
        value: 'amy@example.com',
      });
      expect(byEmail?.locale).toBe('en');
      expect((await store.customers.update('c1', { name: '王小明' }, at(1)))?.locale).toBeNull();
      expect((await store.customers.update('c1', { locale: 'zh-CN' }, at(2)))?.locale).toBe('zh-CN');
      expect((await store.customers.update('c1', { vipLevel: 1 }, at(3)))?.locale).toBe('zh-CN');
      // The surviving profile keeps its own language; one without gets the other's.
      expect((await store.customers.merge('c1', 'c2', at(4)))?.locale).toBe('zh-CN');
      await store.customers.create({ id: 'c3', workspaceId: 'ws-1', identities: [], now: at(5) });
      await store.customers.create({
        id: 'c4',
        workspaceId: 'ws-1',
        locale: 'en',
        identities: [],
        now: at(5),
      });
      expect((await store.customers.merge('c3', 'c4', at(6)))?.locale).toBe('en');
    });
  });
}

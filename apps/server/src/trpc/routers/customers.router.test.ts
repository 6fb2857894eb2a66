import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

describe('customers router', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
    const now = bed.clock.now().toISOString();
    await bed.store.customers.create({
      id: 'by-phone',
      workspaceId: 'default',
      name: '王小明',
      identities: [{ kind: 'phone', value: '13812345678' }],
      now,
    });
    await bed.store.customers.create({
      id: 'by-wechat',
      workspaceId: 'default',
      identities: [{ kind: 'channel:wechat', value: 'openid-abc' }],
      vipLevel: 2,
      now,
    });
  });
  afterEach(() => bed.close());

  it('merges two profiles of one person, keeping identities and the higher VIP level', async () => {
    const agent = bed.callerAs(bed.users.agent);
    const merged = await agent.customers.merge({ intoId: 'by-phone', fromId: 'by-wechat' });
    expect(merged).toMatchObject({ id: 'by-phone', vipLevel: 2 });
    expect(await bed.store.customers.get('by-wechat')).toBeNull();
    const found = await bed.store.customers.findByIdentity('default', {
      kind: 'channel:wechat',
      value: 'openid-abc',
    });
    expect(found?.id).toBe('by-phone');
    await expect(agent.customers.merge({ intoId: 'by-phone', fromId: 'nobody' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      bed.callerAs(bed.users.viewer).customers.merge({ intoId: 'a', fromId: 'b' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lets an agent correct name, tags and VIP level, and masks contacts for a viewer', async () => {
    const updated = await bed
      .callerAs(bed.users.agent)
      .customers.update({ id: 'by-phone', vipLevel: 3, tags: ['老客户'] });
    expect(updated).toMatchObject({ vipLevel: 3, tags: ['老客户'] });
    const seenByViewer = JSON.stringify(
      await bed.callerAs(bed.users.viewer).customers.get({ id: 'by-phone' }),
    );
    expect(seenByViewer).not.toContain('13812345678');
    expect(seenByViewer).toContain('5678');
  });
});

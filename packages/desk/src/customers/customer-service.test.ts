import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeskHarness, FLOW_ACTOR, openHarness, value } from '../testing/desk-test-kit.ts';
import { createTicket } from '../tickets/ticket-create.ts';
import { identitiesOf, normaliseEmail, normalisePhone } from './customer-identity.ts';
import { maskCustomer } from './customer-mask.ts';
import { identifyCustomer } from './customer-service.ts';

let desk: DeskHarness;
beforeEach(async () => {
  desk = await openHarness();
});
afterEach(async () => {
  await desk.close();
});

describe('customer identities', () => {
  it('normalises phones and emails so one person is found however they write them', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('0086 13812345678')).toBe('13812345678');
    expect(normalisePhone('8613812345678')).toBe('13812345678');
    expect(normalisePhone('(010) 8888 1234')).toBe('01088881234');
    expect(normaliseEmail('  Wang@Example.CN ')).toBe('wang@example.cn');
    expect(
      identitiesOf({ channelId: 'oX1', channel: 'wechat', email: 'not-an-email' }, ['email', 'channel_id']),
    ).toEqual([{ kind: 'channel:wechat', value: 'oX1' }]);
  });
});

describe('identify customer', () => {
  it('creates a profile on first contact and finds it again by any identity, counting requests', async () => {
    const first = value(
      await desk.run((scope) => identifyCustomer(scope, { name: '王小明', phone: '+86 138 1234 5678' })),
    );
    expect(first?.isNew).toBe(true);
    expect(first?.profile).toMatchObject({
      name: '王小明',
      requestCount: 1,
      identities: [{ kind: 'phone', value: '13812345678' }],
    });
    desk.clock.advanceMinutes(5);
    const again = value(
      await desk.run((scope) =>
        identifyCustomer(scope, { phone: '13812345678', channel: 'wechat', channelId: 'oX1' }),
      ),
    );
    expect(again).toMatchObject({ isNew: false, mergedFrom: [] });
    expect(again?.profile.id).toBe(first?.profile.id);
    expect(again?.profile.requestCount).toBe(2);
    expect(again?.profile.lastContactAt).toBe(desk.clock.now().toISOString());
    expect(again?.profile.identities.map((identity) => identity.kind)).toEqual(['phone', 'channel:wechat']);
  });

  it('merges profiles when one request carries identities of both, moving their tickets', async () => {
    const byPhone = value(await desk.run((scope) => identifyCustomer(scope, { phone: '13812345678' })));
    const byWechat = value(
      await desk.run((scope) => identifyCustomer(scope, { channel: 'wechat', channelId: 'oX1' })),
    );
    const ticket = value(
      await desk.run((scope) =>
        createTicket(
          scope,
          {
            title: '投诉',
            description: '',
            channel: 'wechat',
            priority: 'auto',
            category: 'complaint',
            customerId: byWechat?.profile.id ?? null,
          },
          { actor: FLOW_ACTOR },
        ),
      ),
    ).ticket;
    const merged = value(
      await desk.run((scope) =>
        identifyCustomer(scope, {
          phone: '13812345678',
          email: 'Wang@Example.cn',
          channel: 'wechat',
          channelId: 'oX1',
        }),
      ),
    );
    expect(merged?.profile.id).toBe(byPhone?.profile.id);
    expect(merged?.mergedFrom).toEqual([byWechat?.profile.id]);
    expect(merged?.profile).toMatchObject({ requestCount: 3, complaintCount: 1 });
    expect(merged?.profile.identities.map((identity) => identity.kind).sort()).toEqual([
      'channel:wechat',
      'email',
      'phone',
    ]);
    expect(await desk.store.customers.get(byWechat?.profile.id ?? '')).toBeNull();
    expect((await desk.store.tickets.get(ticket.id))?.customerId).toBe(byPhone?.profile.id);
  });

  it('reports an unknown customer when asked not to create, and a request with no identity as an error', async () => {
    expect(
      value(
        await desk.run((scope) => identifyCustomer(scope, { email: 'x@y.cn' }, { createIfMissing: false })),
      ),
    ).toBeNull();
    const none = await desk.run((scope) => identifyCustomer(scope, { name: '匿名' }));
    expect(none.ok ? null : none.error.code).toBe('desk.customer_unknown');
  });
});

describe('mask customer', () => {
  it('shows every role only the last four characters of contacts, unless a list of roles says otherwise', async () => {
    const found = value(
      await desk.run((scope) =>
        identifyCustomer(scope, {
          name: '王小明',
          phone: '13812345678',
          email: 'wang@example.cn',
          channel: 'wechat',
          channelId: 'oX1abc9',
        }),
      ),
    );
    const profile = found?.profile;
    if (!profile) throw new Error('no profile');
    expect(maskCustomer(profile, 'agent')).toMatchObject({
      phone: '*******5678',
      email: '***********e.cn',
      masked: true,
    });
    expect(maskCustomer(profile, 'admin').masked).toBe(true);
    expect(maskCustomer(profile, 'agent', ['agent'])).toMatchObject({ phone: '13812345678', masked: false });
    expect(maskCustomer(profile, 'viewer')).toMatchObject({
      name: '王小明',
      phone: '*******5678',
      email: '***********e.cn',
      channelIds: { 'channel:wechat': '***abc9' },
      masked: true,
    });
    expect(maskCustomer(profile, 'agent', ['admin']).masked).toBe(true);
  });
});

describe('customer language', () => {
  it('keeps the language of the latest request that says or shows one', async () => {
    const first = value(
      await desk.run((scope) => identifyCustomer(scope, { email: 'amy@example.com', locale: 'en' })),
    );
    expect(first?.profile.locale).toBe('en');
    // A contact that does not tell the language leaves the known one alone.
    const silent = value(await desk.run((scope) => identifyCustomer(scope, { email: 'amy@example.com' })));
    expect(silent?.profile.locale).toBe('en');
    const switched = value(
      await desk.run((scope) => identifyCustomer(scope, { email: 'amy@example.com', locale: 'zh-CN' })),
    );
    expect(switched?.profile.locale).toBe('zh-CN');
    expect(maskCustomer(switched?.profile as never, 'viewer').locale).toBe('zh-CN');
    const unknown = value(await desk.run((scope) => identifyCustomer(scope, { phone: '13812345678' })));
    expect(unknown?.profile.locale).toBeNull();
  });
});

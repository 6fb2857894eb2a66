import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../port/json.types.ts';
import type { Store } from '../store.port.ts';
import { at, type ContractContext } from './contract-context.ts';

/** Run states as the engine writes them: the request, the customer the flow found, the ticket it made. */
const WANG: JsonObject = {
  data: {
    request: { message: '我要退货', customer: { name: '王小明', phone: '138-1234-5678' } },
    customer: { id: 'cust-wang', name: '王小明', email: 'Ming.Wang@Example.com', phone: '+86 138 1234 5678' },
    ticket: { number: 'CS20261122001' },
    variables: {},
  },
};
const ANA: JsonObject = {
  data: { request: { customer: { name: 'Ana Lima', channelId: 'oX-openid-ana' } }, variables: {} },
};

async function seed(store: Store): Promise<void> {
  await store.executions.create({
    id: 'ex-wang',
    flowId: 'flow-1',
    version: 1,
    status: 'completed',
    state: WANG,
    startedAt: at(0),
    finishedAt: at(5),
  });
  // The ticket comes after the first save: the search sees what the latest save says.
  await store.executions.create({
    id: 'ex-ana',
    flowId: 'flow-2',
    version: 1,
    status: 'running',
    state: ANA,
    startedAt: at(10),
  });
  const saved = await store.executions.save(
    'ex-ana',
    {
      state: { ...ANA, data: { ...(ANA.data as JsonObject), ticket: { number: 'CS20261122002' } } },
      status: 'waiting',
      currentNodeId: 'wait',
      updatedAt: at(20),
    },
    1,
  );
  expect(saved.ok).toBe(true);
}

export function describeExecutionSearchContract(ctx: ContractContext): void {
  describe('execution search', () => {
    it('finds executions by ticket number, customer name, any part of email or phone, and ids', async () => {
      const store = ctx.store();
      await seed(store);
      const ids = async (search: string) =>
        (await store.executions.list({ search, contactMatch: 'partial' })).items.map((item) => item.id);

      expect(await ids('CS20261122001')).toEqual(['ex-wang']);
      expect(await ids('cs20261122002')).toEqual(['ex-ana']);
      expect(await ids('CS20261122')).toEqual(['ex-ana', 'ex-wang']);
      expect(await ids('小明')).toEqual(['ex-wang']);
      expect(await ids('ana li')).toEqual(['ex-ana']);
      expect(await ids('ming.wang@example')).toEqual(['ex-wang']);
      expect(await ids('1381234 5678')).toEqual(['ex-wang']);
      expect(await ids('cust-wang')).toEqual(['ex-wang']);
      expect(await ids('oX-openid-ana')).toEqual(['ex-ana']);
      expect(await ids('nobody')).toEqual([]);
      // Wildcards in the term are text, not patterns.
      expect(await ids('%')).toEqual([]);
      expect(await ids('  ')).toEqual(['ex-ana', 'ex-wang']);
      // A customer's executions by the id alone: not by a name or number that merely contains it.
      const ofCustomer = async (customerId: string) =>
        (await store.executions.list({ customerId })).items.map((item) => item.id);
      expect(await ofCustomer('cust-wang')).toEqual(['ex-wang']);
      expect(await ofCustomer('cust')).toEqual([]);
      expect(await ofCustomer('王小明')).toEqual([]);
      expect((await store.executions.list({ customerId: 'cust-wang', status: 'running' })).items).toEqual([]);
      // Search narrows the other filters, it does not replace them.
      expect(
        (await store.executions.list({ search: 'CS2026', status: 'completed', contactMatch: 'partial' }))
          .items,
      ).toHaveLength(1);
    });

    it('matches email and phone only whole when contacts are searched whole', async () => {
      const store = ctx.store();
      await seed(store);
      const ids = async (search: string) =>
        (await store.executions.list({ search, contactMatch: 'whole' })).items.map((item) => item.id);

      // Part of a contact finds nothing, so a masked contact cannot be rebuilt one character at a time.
      expect(await ids('ming.wang@example')).toEqual([]);
      expect(await ids('wang@example.com')).toEqual([]);
      expect(await ids('5678')).toEqual([]);
      expect(await ids('13812345678')).toEqual([]);
      // The whole contact, normalised: email lower-cased and trimmed, phone its digits.
      expect(await ids(' MING.WANG@example.COM ')).toEqual(['ex-wang']);
      expect(await ids('+86 138-1234-5678')).toEqual(['ex-wang']);
      // Ticket number, name and ids match as before.
      expect(await ids('CS20261122')).toEqual(['ex-ana', 'ex-wang']);
      expect(await ids('小明')).toEqual(['ex-wang']);
      expect(await ids('cust-wang')).toEqual(['ex-wang']);
      expect(await ids('oX-openid-ana')).toEqual(['ex-ana']);
      // Without saying, a search is whole: the safe side.
      expect((await store.executions.list({ search: '5678' })).items).toEqual([]);
      expect(
        (await store.executions.list({ search: '5678', contactMatch: 'partial' })).items.map(
          (item) => item.id,
        ),
      ).toEqual(['ex-wang']);
    });

    it('lists each execution with its ticket, customer and where it stands', async () => {
      const store = ctx.store();
      await seed(store);
      await store.executions.create({
        id: 'ex-failed',
        flowId: 'flow-1',
        version: 1,
        status: 'failed',
        state: {
          data: { variables: {} },
          pending: null,
          incident: {
            nodeId: 'http',
            code: 'runtime.activity_crashed',
            params: {},
            retryable: true,
            at: at(30),
          },
        },
        startedAt: at(30),
        finishedAt: at(31),
      });
      await store.executions.create({
        id: 'ex-waiting',
        flowId: 'flow-1',
        version: 1,
        status: 'waiting',
        state: {
          data: { variables: {} },
          pending: {
            command: {
              kind: 'wait',
              seq: 3,
              nodeId: 'reply',
              event: { name: 'customer_reply' },
              timeoutAt: at(86_400_000),
            },
            issuedAt: at(40),
          },
        },
        startedAt: at(40),
      });
      const { items } = await store.executions.list();
      const byId = new Map(items.map((item) => [item.id, item]));
      expect(byId.get('ex-wang')).toMatchObject({
        ticketNumber: 'CS20261122001',
        customer: {
          id: 'cust-wang',
          name: '王小明',
          email: 'ming.wang@example.com',
          phone: '8613812345678',
          channelId: null,
        },
        pending: null,
        incident: null,
      });
      expect(byId.get('ex-ana')).toMatchObject({
        ticketNumber: 'CS20261122002',
        customer: { id: null, name: 'Ana Lima', channelId: 'oX-openid-ana' },
      });
      expect(byId.get('ex-failed')).toMatchObject({
        customer: null,
        ticketNumber: null,
        incident: { nodeId: 'http', code: 'runtime.activity_crashed' },
      });
      expect(byId.get('ex-waiting')?.pending).toEqual({
        kind: 'wait',
        nodeType: null,
        event: 'customer_reply',
        until: at(86_400_000),
      });
    });
  });
}

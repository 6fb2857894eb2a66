import type { AddressInfo } from 'node:net';
import { openSqliteStore, type Store, type User } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.ts';
import { createServices } from '../src/boot/app-services.ts';
import { loadServerConfig } from '../src/config/server-config.ts';
import { createApp } from '../src/http/create-app.ts';
import { CustomerLinks } from '../src/links/customer-links.ts';
import { defaultActivities } from '../src/runtime/activities/default-activities.ts';
import { FlowRuntime } from '../src/runtime/flow-runtime.ts';
import { ChannelOutbox } from '../src/runtime/outbox/channel-outbox.ts';
import { edge, graph, ManualClock, node, sequentialIds } from '../src/runtime/runtime-test-kit.ts';
import { createCaller } from '../src/trpc/_app.ts';
import { createInnerContext } from '../src/trpc/context.ts';

/**
 * The runtime issue's acceptance path with every real part: a flow is created
 * and published over tRPC, a request arrives over REST, and the execution's step
 * log is read back over tRPC.
 */
describe('request intake end to end', () => {
  let store: Store;
  let close: () => Promise<void>;
  let baseUrl: string;
  let caller: ReturnType<typeof createCaller>;
  let apiKey: string;

  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    const clock = new ManualClock();
    const ids = sequentialIds('e2e');
    const runtime = new FlowRuntime({
      store,
      clock,
      ids,
      activities: defaultActivities({ allowPrivateNetworks: true }),
      outbox: new ChannelOutbox(),
      workerId: 'e2e',
    });
    const config = loadServerConfig({});
    const links = new CustomerLinks(store, undefined);
    const services = createServices({ store, config, clock, ids, runtime, links });
    const editor: User = await store.users.create({
      id: 'editor',
      email: 'editor@example.com',
      name: 'Editor',
      role: 'editor',
      passwordHash: 'unused',
      locale: 'zh-CN',
      createdAt: clock.now().toISOString(),
    });
    caller = createCaller(createInnerContext({ services, user: editor }));
    apiKey = (await createApiKey(store, { id: 'k', name: 'k', role: 'agent', now: clock.now() })).secret;
    const app = createApp(services);
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    };
  });
  afterEach(() => close());

  async function post(body: unknown, key?: string) {
    return fetch(`${baseUrl}/api/v1/requests`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${apiKey}`,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  it('runs the published flow and shows its step log over tRPC; a repeated key starts nothing', async () => {
    const flowGraph = graph(
      [
        node('start', 'trigger.request_received', { channels: ['api'], categories: [], keywords: [] }),
        node('reply', 'action.send_message', {
          channel: 'reply',
          body: { 'zh-CN': '您好 {{ request.customer.name }}，已收到：{{ request.message }}', en: 'Hi' },
        }),
      ],
      [edge('start', 'next', 'reply')],
    );
    const created = await caller.flows.create({ name: '自动回复', graph: flowGraph });
    await caller.flows.publish({ id: created.id, note: '首个版本' });

    const body = { channel: 'api', customer: { name: '王小明' }, message: '{{ 7*7 }} 订单没到' };
    const response = await post(body, 'first-contact-1');
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as {
      executionIds: string[];
      produced: { replies: { channel: string; text: string }[] };
    };
    expect(accepted.produced.replies).toEqual([
      { channel: 'api', text: '您好 王小明，已收到：{{ 7*7 }} 订单没到' },
    ]);

    const execution = await caller.executions.get({ id: accepted.executionIds[0] as string });
    expect(execution.status).toBe('completed');
    expect(execution.version).toBe(1);
    expect(execution.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['start', 'next'],
      ['reply', 'next'],
    ]);

    const again = await post(body, 'first-contact-1');
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(accepted);
    expect((await store.executions.list()).items).toHaveLength(1);
  });
});

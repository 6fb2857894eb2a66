import type { AddressInfo } from 'node:net';
import type { User, UserRole } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { createServices } from '../../src/boot/app-services.ts';
import { progressPath } from '../../src/channels/progress/progress-link.ts';
import { loadServerConfig } from '../../src/config/server-config.ts';
import { createApp } from '../../src/http/create-app.ts';
import { CustomerLinks } from '../../src/links/customer-links.ts';
import {
  createRuntimeHarness,
  type RuntimeHarness,
  sequentialIds,
  ticketAndReplyFlow,
} from '../../src/runtime/runtime-test-kit.ts';
import { createCaller } from '../../src/trpc/_app.ts';
import { createInnerContext } from '../../src/trpc/context.ts';

/**
 * Finding 3 of the security review: `executions.get` handed viewers and
 * editors the step inputs, outputs and trigger event with the customer's
 * whole phone number and email. A real request goes through REST and the
 * runtime here, then each role reads the trace back over tRPC.
 */

const PHONE = '13812345678';
const EMAIL = 'wang.xiaoming@example.cn';
const LINK_SECRET = 'trace-masking-link-secret';

describe('execution traces mask contacts by role (finding 3)', () => {
  let harness: RuntimeHarness;
  let baseUrl: string;
  let closeServer: () => Promise<void>;
  let users: Record<UserRole, User>;
  let callerAs: (user: User) => ReturnType<typeof createCaller>;
  let apiKey: string;

  beforeEach(async () => {
    // Progress links as the server makes them, with a live token.
    harness = await createRuntimeHarness({
      ticketLink: (number, now) => progressPath(LINK_SECRET, number, now),
    });
    const { store, clock, runtime } = harness;
    const ids = sequentialIds('sec');
    const config = loadServerConfig({});
    const links = new CustomerLinks(store, undefined);
    const services = createServices({ store, config, clock, ids, runtime, links });
    users = {} as Record<UserRole, User>;
    for (const role of ['admin', 'editor', 'agent', 'viewer'] as const) {
      users[role] = await store.users.create({
        id: `user-${role}`,
        email: `${role}@desk.example`,
        name: role,
        role,
        passwordHash: 'unused',
        locale: 'en',
        createdAt: clock.now().toISOString(),
      });
    }
    callerAs = (user) => createCaller(createInnerContext({ services, user }));
    apiKey = (await createApiKey(store, { id: 'k', name: 'k', role: 'agent', now: clock.now() })).secret;
    const app = createApp(services);
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterEach(async () => {
    await closeServer();
    await harness.close();
  });

  async function runRequest(): Promise<string> {
    await harness.publish(
      'intake',
      ticketAndReplyFlow({
        channels: ['api'],
        reply: {
          'zh-CN': '已收到，我们会致电 {{ request.customer.phone }}',
          en: 'We will call {{ request.customer.phone }}',
        },
      }),
    );
    const response = await fetch(`${baseUrl}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        channel: 'api',
        customer: { name: '王小明', phone: PHONE, email: EMAIL },
        message: `订单没到，请打 ${PHONE} 或发邮件到 ${EMAIL}`,
      }),
    });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { executionIds: string[] };
    await harness.drain();
    return accepted.executionIds[0] as string;
  }

  it.each(['viewer', 'editor'] as const)(
    'a %s reads the trace with no whole phone number or email',
    async (role) => {
      const executionId = await runRequest();
      const execution = await callerAs(users[role]).executions.get({ id: executionId });
      expect(execution.steps.length).toBeGreaterThanOrEqual(3);
      const text = JSON.stringify(execution);
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain('wang.xiaoming');
      // Still recognisable by the last four characters, as everywhere else.
      expect(text).toContain('*******5678');
      // The ticket the flow opened keeps its number readable.
      const ticket = execution.steps.find((step) => step.nodeId === 'ticket');
      expect(JSON.stringify(ticket?.output)).toMatch(/CS\d{8}\d+/);
    },
  );

  it('a viewer reads ticket lists and the ticket itself masked too', async () => {
    await runRequest();
    const viewer = callerAs(users.viewer);
    const page = await viewer.tickets.list();
    expect(page.items).toHaveLength(1);
    const detail = await viewer.tickets.get({ id: page.items[0]?.id as string });
    const text = JSON.stringify([page, detail]);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(EMAIL);
    expect(detail.ticket.title).toContain('*******5678');
  });

  it('REST answers are masked whatever the API key’s role', async () => {
    await harness.publish(
      'echo',
      ticketAndReplyFlow({
        channels: ['api'],
        reply: {
          'zh-CN': '我们会致电 {{ request.customer.phone }}',
          en: 'We will call {{ request.customer.phone }}',
        },
      }),
    );
    const editorKey = (
      await createApiKey(harness.store, {
        id: 'k-editor',
        name: 'k',
        role: 'editor',
        now: harness.clock.now(),
      })
    ).secret;
    const post = (key: string) =>
      fetch(`${baseUrl}/api/v1/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ channel: 'api', customer: { phone: PHONE }, message: 'hello' }),
      });
    const masked = await (await post(editorKey)).text();
    expect(masked).toContain('*******5678');
    expect(masked).not.toContain(PHONE);
    // Every role's key gets contacts masked, an admin's or agent's too.
    const forAgentKey = await (await post(apiKey)).text();
    expect(forAgentKey).toContain('*******5678');
    expect(forAgentKey).not.toContain(PHONE);
  });

  it('an editor’s test run answers with the sample’s contacts masked too', async () => {
    const answer = await callerAs(users.editor).flows.testRun({
      graph: ticketAndReplyFlow({ reply: { 'zh-CN': '致电 {{ request.customer.phone }}', en: 'x' } }),
      data: { request: { channel: 'api', customer: { phone: PHONE, email: EMAIL }, message: `打 ${PHONE}` } },
    });
    const text = JSON.stringify(answer);
    expect(text).toContain('*******5678');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(EMAIL);
  });

  it.each(['viewer', 'editor'] as const)(
    'a %s reads progress links in the trace without their token, so cannot open the customer’s page',
    async (role) => {
      await harness.publish(
        'intake',
        ticketAndReplyFlow({
          channels: ['api'],
          reply: { 'zh-CN': '进度：{{ ticket.link }}', en: 'Progress: {{ ticket.link }}' },
        }),
      );
      const response = await fetch(`${baseUrl}/api/v1/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({
          channel: 'api',
          customer: { name: '王小明', phone: PHONE },
          message: 'where is it',
        }),
      });
      expect(response.status).toBe(202);
      const { executionIds } = (await response.json()) as { executionIds: string[] };
      await harness.drain();
      const id = executionIds[0] as string;
      const whole = JSON.stringify(await callerAs(users.agent).executions.get({ id }));
      const token = /\?token=([\w.-]+)/.exec(whole)?.[1];
      // The link the customer gets, in the ticket step's output and in the rendered reply.
      expect(token).toMatch(/^[0-9a-z]+\.[\w-]{20,}$/);
      const text = JSON.stringify(await callerAs(users[role]).executions.get({ id }));
      expect(text).not.toContain(token);
      expect(text).toMatch(/\/t\/CS\d+\?token=\*\*\*/);
      expect(text).not.toMatch(/token=(?!\*\*\*)/);
    },
  );

  it('an agent and an admin read them masked too (a whole contact comes from the audited reveal)', async () => {
    const executionId = await runRequest();
    for (const role of ['agent', 'admin'] as const) {
      const execution = JSON.stringify(await callerAs(users[role]).executions.get({ id: executionId }));
      expect(execution).toContain('*******5678');
      expect(execution).not.toContain(PHONE);
    }
  });
});

import { createSmsGateway, createSmtpSender, type SmtpSender, SmtpSink } from '@flowdesk/connectors';
import type { FlowNode } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeRequest } from '../../runtime-port.ts';
import {
  createRuntimeHarness,
  edge,
  graph,
  HttpSink,
  node,
  type RuntimeHarness,
} from '../runtime-test-kit.ts';
import { ChannelOutbox } from './channel-outbox.ts';
import { connectChannels } from './outbox-channels.ts';

/** Notifications through the outbox to a real SMTP server and an HTTP SMS gateway, both on loopback. */
describe('notifications', () => {
  let harness: RuntimeHarness;
  let smtp: SmtpSink;
  let sender: SmtpSender;
  let gateway: HttpSink;

  beforeEach(async () => {
    smtp = new SmtpSink();
    sender = createSmtpSender({
      url: await smtp.start(),
      from: 'FlowDesk <desk@flowdesk.test>',
      timeoutMs: 2000,
    });
    gateway = new HttpSink();
    const gatewayUrl = await gateway.start();
    const outbox = connectChannels(new ChannelOutbox(), {
      email: sender,
      sms: createSmsGateway({ url: `${gatewayUrl}/sms`, token: 'sms-token' }),
    });
    harness = await createRuntimeHarness({ outbox });
  });
  afterEach(async () => {
    sender.close();
    await smtp.stop();
    await gateway.stop();
    await harness.close();
  });

  const request: IntakeRequest = {
    channel: 'web_form',
    customer: { name: '王小明', phone: '13812345678', email: 'wang@example.com' },
    message: '鞋子尺码不对',
    attachments: [],
    customFields: {},
    metadata: {},
  };

  /** request → customer → ticket (team after_sales) → the given message nodes in a row. */
  function notifyFlow(...messages: FlowNode[]) {
    const nodes = [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('who', 'action.identify_customer', { by: ['phone', 'email'], createIfMissing: true }),
      node('ticket', 'action.create_ticket', {
        title: '{{ request.message }}',
        description: '{{ request.message }}',
        priority: 'medium',
        team: 'after_sales',
        customFields: {},
      }),
      ...messages,
    ];
    const ids = nodes.map((entry) => entry.id);
    return graph(
      nodes,
      ids.slice(1).map((id, index) => edge(ids[index] as string, 'next', id)),
    );
  }

  const ackEmail = node('mail', 'action.send_message', {
    channel: 'email',
    to: 'customer',
    subject: { 'zh-CN': '工单 {{ ticket.number }} 已受理', en: 'Ticket {{ ticket.number }}' },
    body: { 'zh-CN': '{{ customer.name }} 您好，联系电话 {{ customer.phone | mask }}', en: 'Hello' },
  });

  it('sends email through SMTP with the phone masked and the step key as idempotency key', async () => {
    await harness.publish('notify', notifyFlow(ackEmail));
    const result = await harness.runtime.intake(request, { apiKeyId: 'k' });
    await harness.drain();

    expect(smtp.received).toHaveLength(1);
    const [received] = smtp.received;
    expect(received?.to).toEqual(['wang@example.com']);
    expect(received?.mail.subject).toBe(`工单 ${result.produced.ticketNumber} 已受理`);
    expect(received?.mail.text?.trim()).toBe('王小明 您好，联系电话 *******5678');
    expect(received?.mail.headers.get('x-flowdesk-idempotency-key')).toBe(`${result.executionIds[0]}:mail:1`);
  });

  it('keeps email queued while the SMTP server is down and delivers it once it is back', async () => {
    await harness.publish('notify', notifyFlow(ackEmail));
    await smtp.stop();
    await harness.runtime.intake(request, { apiKeyId: 'k' });
    await harness.drain();
    const [waiting] = await harness.store.jobs.list({ kind: 'outbox.deliver' });
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting?.lastError).toBeTruthy();

    await smtp.start();
    harness.clock.advance(60_000);
    await harness.drain();
    await harness.drain();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.mail.text).toContain('*******5678');
    const [done] = await harness.store.jobs.list({ kind: 'outbox.deliver' });
    expect(done).toMatchObject({ status: 'completed', attempts: 2 });
  });

  it('sends SMS to the gateway with the bearer token, and retries while the gateway fails', async () => {
    const sms = node('sms', 'action.send_message', {
      channel: 'sms',
      to: 'customer',
      body: { 'zh-CN': '工单 {{ ticket.number }} 已受理', en: 'Ticket {{ ticket.number }}' },
    });
    await harness.publish('notify', notifyFlow(sms));
    gateway.failuresLeft = 1;
    const { produced, executionIds } = await harness.runtime.intake(request, { apiKeyId: 'k' });
    await harness.drain();
    expect(gateway.received).toHaveLength(0);
    harness.clock.advance(60_000);
    await harness.drain();

    expect(gateway.received).toHaveLength(1);
    const hook = gateway.received[0];
    expect(hook?.headers.authorization).toBe('Bearer sms-token');
    expect(JSON.parse(hook?.body ?? '{}')).toEqual({
      to: '13812345678',
      text: `工单 ${produced.ticketNumber} 已受理`,
      idempotencyKey: `${executionIds[0]}:sms:1`,
    });
  });

  it('writes in-app messages to the team inbox at once, not through the outbox', async () => {
    const inApp = node('tell-team', 'action.send_message', {
      channel: 'in_app',
      to: 'team',
      subject: { 'zh-CN': '新工单 {{ ticket.number }}', en: 'New ticket {{ ticket.number }}' },
      body: { 'zh-CN': '客户电话 {{ customer.phone | mask }}', en: 'Phone {{ customer.phone | mask }}' },
    });
    await harness.publish('notify', notifyFlow(inApp));
    const { produced } = await harness.runtime.intake(request, { apiKeyId: 'k' });

    const inbox = await harness.store.inAppMessages.listFor('team', 'after_sales');
    expect(inbox.map((message) => [message.subject, message.body, message.readAt])).toEqual([
      [`新工单 ${produced.ticketNumber}`, '客户电话 *******5678', null],
    ]);
    const ticket = await harness.store.tickets.getByNumber(String(produced.ticketNumber));
    expect(inbox[0]?.ticketId).toBe(ticket?.id);
    expect(await harness.store.jobs.list({ kind: 'outbox.deliver' })).toEqual([]);
    expect(
      await harness.store.inAppMessages.markRead(inbox[0]?.id ?? '', harness.clock.now().toISOString()),
    ).toBe(true);
    expect(await harness.store.inAppMessages.listFor('team', 'after_sales', { unreadOnly: true })).toEqual(
      [],
    );
  });

  it('renders a stored template per locale, leaving a missing field out with a warning', async () => {
    await harness.store.messageTemplates.put({
      id: 'ticket_received',
      workspaceId: 'default',
      name: 'Ticket received',
      channel: 'email',
      subject: { 'zh-CN': '工单 {{ ticket.number }}', en: 'Ticket {{ ticket.number }} received' },
      body: {
        'zh-CN': '您好 {{ customer.name }}',
        en: 'Hello {{ customer.name }}, order {{ request.customFields.orderNo }}, phone {{ customer.phone | mask }}',
      },
      updatedAt: harness.clock.now().toISOString(),
    });
    const templated = node('mail', 'action.send_message', {
      channel: 'email',
      to: 'customer',
      templateId: 'ticket_received',
    });
    await harness.publish('notify', notifyFlow(templated));
    const english = { ...request, customer: { ...request.customer, locale: 'en' as const } };
    const { produced, executionIds } = await harness.runtime.intake(english, { apiKeyId: 'k' });
    await harness.drain();

    expect(smtp.received[0]?.mail.subject).toBe(`Ticket ${produced.ticketNumber} received`);
    expect(smtp.received[0]?.mail.text?.trim()).toBe('Hello 王小明, order , phone *******5678');
    const executionId = executionIds[0] as string;
    expect((await harness.store.executions.get(executionId))?.status).toBe('completed');
    const step = (await harness.store.executions.listSteps(executionId)).find(
      (entry) => entry.nodeId === 'mail',
    );
    expect(step?.port).toBe('next');
    expect(step?.output).toMatchObject({
      variables: {
        messageWarnings: [{ code: 'notification.field_missing', field: 'request.customFields.orderNo' }],
      },
    });
  });

  it('sends a survey link by email through the outbox', async () => {
    await harness.publish(
      'notify',
      notifyFlow(node('survey', 'action.send_survey', { kind: 'nps', channel: 'email', expiresInDays: 3 })),
    );
    await harness.runtime.intake(request, { apiKeyId: 'k' });
    await harness.drain();
    expect(smtp.received[0]?.mail.subject).toBe('请为我们的服务打分');
    expect(smtp.received[0]?.mail.text).toMatch(/您有多大可能向朋友推荐我们？\n点击链接作答：\/s\/[\w-]{32}/);
  });

  it('fails the step with a clear message when the template does not exist', async () => {
    await harness.publish(
      'notify',
      notifyFlow(
        node('mail', 'action.send_message', { channel: 'email', to: 'customer', templateId: 'gone' }),
      ),
    );
    const { executionIds } = await harness.runtime.intake(request, { apiKeyId: 'k' });
    const record = await harness.store.executions.get(executionIds[0] as string);
    expect(record?.status).toBe('failed');
    expect(JSON.stringify(record?.state)).toContain('notification.template_not_found');
    expect(await harness.store.jobs.list({ kind: 'outbox.deliver' })).toEqual([]);
  });
});

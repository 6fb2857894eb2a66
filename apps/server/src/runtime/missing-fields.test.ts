import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeRequest } from '../rest/intake.schema.ts';
import { createRuntimeHarness, edge, graph, node, type RuntimeHarness } from './runtime-test-kit.ts';

/**
 * Missing data never becomes text a customer sees: a request without a name,
 * a subject or an order number gets a reply and a ticket with nothing in place
 * of those fields (or the fallback the admin wrote), never `[customer.name]`.
 */
describe('a request that lacks the fields a flow names', () => {
  let harness: RuntimeHarness;

  beforeEach(async () => {
    harness = await createRuntimeHarness();
  });
  afterEach(() => harness.close());

  /** Identify the customer, a Create ticket step as the palette adds it, then a reply. */
  async function publishGreeting(body: string): Promise<void> {
    await harness.publish(
      'greet',
      graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          node('who', 'action.identify_customer', { by: ['phone'], createIfMissing: true }),
          node('ticket', 'action.create_ticket'),
          node('ack', 'action.send_message', {
            channel: 'reply',
            to: 'customer',
            body: { 'zh-CN': body, en: body },
          }),
          node('done', 'action.end', { outcome: 'completed' }),
        ],
        [
          edge('start', 'next', 'who'),
          edge('who', 'next', 'ticket'),
          edge('ticket', 'next', 'ack'),
          edge('ack', 'next', 'done'),
        ],
      ),
    );
  }

  const nameless: IntakeRequest = {
    channel: 'api',
    customer: { phone: '13812345678', locale: 'zh-CN' },
    message: '我的快递三天了还没到',
    attachments: [],
    customFields: {},
    metadata: {},
  };

  it('replies without the field path where the name would go, and says which field was missing', async () => {
    await publishGreeting('您好 {{ customer.name }}，工单 {{ ticket.number }} 已受理');
    const { produced, executionIds } = await harness.runtime.intake(nameless, { apiKeyId: 'k' });

    expect(produced.replies).toEqual([
      { channel: 'api', text: `您好 ，工单 ${produced.ticketNumber} 已受理` },
    ]);
    const steps = await harness.store.executions.listSteps(executionIds[0] as string);
    expect(steps.find((step) => step.nodeId === 'ack')?.output).toMatchObject({
      variables: { messageWarnings: [{ code: 'notification.field_missing', field: 'customer.name' }] },
    });
  });

  it('uses the fallback the admin wrote', async () => {
    await publishGreeting('您好 {{ customer.name | default: "顾客" }}，工单 {{ ticket.number }} 已受理');
    const { produced } = await harness.runtime.intake(nameless, { apiKeyId: 'k' });
    expect(produced.replies).toEqual([
      { channel: 'api', text: `您好 顾客，工单 ${produced.ticketNumber} 已受理` },
    ]);
  });

  it('writes no placeholder into a default ticket for a request without subject or order number', async () => {
    await publishGreeting('工单 {{ ticket.number }}');
    const { produced } = await harness.runtime.intake(nameless, { apiKeyId: 'k' });
    const ticket = await harness.store.tickets.getByNumber(produced.ticketNumber as string);

    expect(ticket?.title).toBe('我的快递三天了还没到');
    expect(ticket?.customFields).toEqual({});
    expect(JSON.stringify(ticket)).not.toContain('[request.');
  });

  it('still fills the ticket from a request that has them', async () => {
    await publishGreeting('工单 {{ ticket.number }}');
    const { produced } = await harness.runtime.intake(
      { ...nameless, subject: '快递未到', customFields: { orderNo: 'SO-1001' } },
      { apiKeyId: 'k' },
    );
    const ticket = await harness.store.tickets.getByNumber(produced.ticketNumber as string);

    expect(ticket?.title).toBe('快递未到');
    expect(ticket?.customFields).toEqual({ orderNo: 'SO-1001' });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CategoryModelCache } from '../classification/category-model-cache.ts';
import { confirmCategory } from '../routing/pending-confirmation.ts';
import { AGENT_ACTOR, type DeskHarness, FLOW_ACTOR, openHarness, value } from '../testing/desk-test-kit.ts';
import { createTicket } from '../tickets/ticket-create.ts';
import { updateTicketFields } from '../tickets/ticket-update.ts';
import type { InlineActivityContext } from './activity.types.ts';
import { classifyActivity, classifyNode } from './classify.activity.ts';

const categories = [
  {
    id: 'order_status',
    label: '订单状态',
    keywords: ['物流', '快递'],
    examples: ['我的包裹到哪里了', '订单什么时候发货', '几天能送到', 'where is my parcel'],
  },
  {
    id: 'returns',
    label: '退换货',
    keywords: ['退货'],
    examples: ['衣服不合适想换一件', '尺码太小了能换吗', '收到的东西坏了要退', 'I want my money back'],
  },
];

/** No keyword decides it and the examples put it with order status; the agent knows it is a return. */
const MISREAD = '寄回去的包裹到哪里了';

function command(message: string, threshold = 0.7) {
  return {
    kind: 'activity' as const,
    seq: 1,
    nodeId: 'classify',
    nodeType: 'logic.classify',
    visit: 1,
    config: { source: 'request.message', categories, threshold },
    input: { request: { message }, variables: {} },
  };
}

let desk: DeskHarness;
let models: CategoryModelCache;
beforeEach(async () => {
  desk = await openHarness();
  models = new CategoryModelCache();
});
afterEach(async () => {
  await desk.close();
});

async function run(message: string, threshold?: number) {
  const activity = classifyActivity(desk.deps, models);
  if (activity.mode !== 'inline') throw new Error('classify runs inline');
  return desk.store.transaction((tx) =>
    activity.run(command(message, threshold), {
      tx,
      executionId: 'exec-1',
      idempotencyKey: 'exec-1:classify:1',
      now: desk.clock.now(),
      dryRun: false,
      enqueue: async () => undefined,
      produce: () => undefined,
      answering: true,
    } satisfies InlineActivityContext),
  );
}

async function ticketFor(text: string, extra: { category?: string; needsConfirmation?: boolean } = {}) {
  const created = await desk.run((scope) =>
    createTicket(
      scope,
      { title: text, description: text, channel: 'chat', priority: 'medium', ...extra },
      { actor: FLOW_ACTOR },
    ),
  );
  return value(created).ticket;
}

describe('classify activity', () => {
  it('takes the category port on a keyword hit, with full confidence', async () => {
    const result = await run('快递三天了还没到');
    expect(result).toMatchObject({
      ok: true,
      port: 'order_status',
      output: {
        classification: { category: 'order_status', confidence: 1, source: 'keyword', threshold: 0.7 },
      },
    });
  });

  it('uses the model trained from the example phrases when no keyword decides', async () => {
    const result = await run('尺码太小了想换一件', 0.5);
    expect(result).toMatchObject({
      ok: true,
      port: 'returns',
      output: { classification: { source: 'model' } },
    });
  });

  it('sends unclear text to the low-confidence port', async () => {
    const result = await run('你好', 0.99);
    expect(result).toMatchObject({
      ok: true,
      port: 'low_confidence',
      output: { classification: { lowConfidence: true } },
    });
  });

  it("learns an agent's category correction and retrains only when corrections change", async () => {
    expect(await run(MISREAD, 0.5)).toMatchObject({ port: 'order_status' });
    expect(await run(MISREAD, 0.5)).toMatchObject({ port: 'order_status' });
    expect(models.trainings).toBe(1);

    // A flow re-categorising is the model's own opinion: no correction, no retraining.
    const ticket = await ticketFor(MISREAD, { category: 'order_status' });
    value(
      await desk.run((scope) =>
        updateTicketFields(scope, ticket.id, { category: 'returns' }, { actor: FLOW_ACTOR }),
      ),
    );
    expect(await run(MISREAD, 0.5)).toMatchObject({ port: 'order_status' });
    expect(models.trainings).toBe(1);

    value(
      await desk.run((scope) =>
        updateTicketFields(scope, ticket.id, { category: 'order_status' }, { actor: AGENT_ACTOR }),
      ),
    );
    const other = await ticketFor(MISREAD, { category: 'order_status' });
    value(
      await desk.run((scope) =>
        updateTicketFields(scope, other.id, { category: 'returns' }, { actor: AGENT_ACTOR }),
      ),
    );
    expect(await desk.store.classifierCorrections.list('default')).toMatchObject([
      {
        text: MISREAD,
        fromLabel: 'returns',
        toLabel: 'order_status',
        ticketId: ticket.id,
        by: AGENT_ACTOR.id,
      },
      {
        text: MISREAD,
        fromLabel: 'order_status',
        toLabel: 'returns',
        ticketId: other.id,
        by: AGENT_ACTOR.id,
      },
    ]);

    // The latest correction of a text wins.
    expect(await run(MISREAD, 0.5)).toMatchObject({
      port: 'returns',
      output: { classification: { category: 'returns', source: 'model' } },
    });
    expect(await run(MISREAD, 0.5)).toMatchObject({ port: 'returns' });
    expect(models.trainings).toBe(2);
    // Dry runs have no store and keep to the node's own examples.
    expect(classifyNode(command(MISREAD, 0.5).config, command(MISREAD).input)).toMatchObject({
      port: 'order_status',
    });
  });

  it('records the category a person confirms for a parked ticket', async () => {
    const parked = await ticketFor(MISREAD, { needsConfirmation: true });
    expect(parked.status).toBe('pending_confirmation');
    value(await desk.run((scope) => confirmCategory(scope, parked.id, 'returns', AGENT_ACTOR)));
    expect(await desk.store.classifierCorrections.list('default')).toMatchObject([
      { text: MISREAD, fromLabel: null, toLabel: 'returns', ticketId: parked.id },
    ]);
    expect(await run(MISREAD, 0.5)).toMatchObject({ port: 'returns' });
  });

  it('leaves the model alone when a ticket changes without a new category', async () => {
    const ticket = await ticketFor(MISREAD, { category: 'order_status' });
    value(
      await desk.run((scope) =>
        updateTicketFields(
          scope,
          ticket.id,
          { category: 'order_status', priority: 'high' },
          { actor: AGENT_ACTOR },
        ),
      ),
    );
    expect(await desk.store.classifierCorrections.count('default')).toBe(0);
  });
});

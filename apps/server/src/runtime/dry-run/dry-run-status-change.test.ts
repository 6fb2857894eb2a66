import { lintFlow } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeRequest } from '../../runtime-port.ts';
import { createRuntimeHarness, edge, graph, node, type RuntimeHarness } from '../runtime-test-kit.ts';
import { dryRunFlow } from './dry-run.ts';

/**
 * A status change the ticket lifecycle refuses (a ticket just created is new,
 * and new → waiting_for_customer is not a transition) fails the same way in
 * the editor's dry run as in a live run, and the linter reports it before
 * either: one lifecycle table decides all three.
 */
const refusedChange = graph(
  [
    node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
    node('ticket', 'action.create_ticket', { title: '{{ request.message }}', priority: 'medium' }),
    node('ask', 'action.update_ticket', { status: 'waiting_for_customer' }),
    node('failed', 'action.end', { outcome: 'cancelled' }),
    node('done', 'action.end', { outcome: 'completed' }),
  ],
  [
    edge('start', 'next', 'ticket'),
    edge('ticket', 'next', 'ask'),
    edge('ask', 'error', 'failed'),
    edge('ask', 'next', 'done'),
  ],
);

const intake: IntakeRequest = {
  channel: 'api',
  customer: { name: '王小明', phone: '13812345678' },
  message: '请帮我查一下订单',
  attachments: [],
  customFields: {},
  metadata: {},
};

interface StepLike {
  nodeId: string;
  port?: string | null;
  error?: { code?: unknown; params?: unknown } | null;
}

/** What a person reading either trace sees of a step: where it went and why it failed. */
function trace(steps: readonly StepLike[]) {
  return steps.map((step) => ({
    nodeId: step.nodeId,
    port: step.port ?? null,
    error: step.error ? { code: step.error.code, params: step.error.params } : null,
  }));
}

describe('a status change the lifecycle refuses', () => {
  let harness: RuntimeHarness;

  beforeEach(async () => {
    harness = await createRuntimeHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('fails in the dry run with the live run’s error, on the same path', async () => {
    await harness.publish('ask-customer', refusedChange);
    const { executionIds } = await harness.runtime.intake(intake, { apiKeyId: 'k1' });
    await harness.drain();
    const live = trace(
      (await harness.store.executions.listSteps(executionIds[0] as string)) as unknown as StepLike[],
    );

    const dry = trace(
      dryRunFlow(refusedChange, { data: { request: { ...intake, id: 'r1' } } }, '2026-11-22T01:00:00.000Z')
        .steps as unknown as StepLike[],
    );

    const refusal = {
      nodeId: 'ask',
      port: 'error',
      error: {
        code: 'desk.invalid_transition',
        params: {
          from: 'new',
          to: 'waiting_for_customer',
          allowed: 'pending_confirmation,assigned,in_progress,resolved,closed',
        },
      },
    };
    expect(live.find((step) => step.nodeId === 'ask')).toEqual(refusal);
    expect(dry.find((step) => step.nodeId === 'ask')).toEqual(refusal);
    expect(dry.map((step) => step.nodeId)).toEqual(live.map((step) => step.nodeId));
    expect(dry.map((step) => step.nodeId)).toContain('failed');
  });

  it('goes through in the dry run once the ticket is being worked on, and moves it on', () => {
    const working = graph(
      [...refusedChange.nodes, node('work', 'action.update_ticket', { status: 'in_progress' })],
      [
        edge('start', 'next', 'ticket'),
        edge('ticket', 'next', 'work'),
        edge('work', 'next', 'ask'),
        edge('ask', 'error', 'failed'),
        edge('ask', 'next', 'done'),
      ],
    );
    expect(lintFlow(working).filter((problem) => problem.code.startsWith('ticket.status'))).toEqual([]);
    const outcome = dryRunFlow(
      working,
      { data: { request: { ...intake, id: 'r1' } } },
      '2026-11-22T01:00:00.000Z',
    );
    const ask = outcome.steps.find((step) => step.nodeId === 'ask');
    expect(ask?.port).toBe('next');
    expect(ask?.output).toMatchObject({ ticket: { status: 'waiting_for_customer' } });
  });

  it('is reported by the linter before the flow is published', () => {
    expect(lintFlow(refusedChange)).toContainEqual(
      expect.objectContaining({
        code: 'ticket.status_change_refused',
        nodeId: 'ask',
        field: 'config.status',
      }),
    );
  });
});

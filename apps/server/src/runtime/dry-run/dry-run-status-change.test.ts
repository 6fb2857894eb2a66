import { lintFlow } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeHarness, edge, graph, node, type RuntimeHarness } from '../runtime-test-kit.ts';
import { drySteps, liveSteps, type StepLike, updateTicketFlow } from './dry-run-test-kit.ts';

/**
 * A status change the ticket lifecycle refuses (a ticket just created is new,
 * and new → waiting_for_customer is not a transition) fails the same way in
 * the editor's dry run as in a live run, and the linter reports it before
 * either: one lifecycle table decides all three.
 */
const refusedChange = updateTicketFlow('ask', { status: 'waiting_for_customer' });

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
    const live = trace(await liveSteps(harness, 'ask-customer', refusedChange));
    const dry = trace(drySteps(refusedChange));

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
    const ask = drySteps(working).find((step) => step.nodeId === 'ask');
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

import { describe, expect, it } from 'vitest';
import { edge, graph, node } from '../runtime-test-kit.ts';
import { dryRunFlow } from './dry-run.ts';

const T0 = '2026-11-22T08:00:00.000Z';

const flow = (onTimeout = 'timed_out') =>
  graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('approve', 'timing.ask_approval', {
        decider: 'supervisor',
        question: 'Refund?',
        facts: [],
        timeout: { amount: 1, unit: 'days' },
        onTimeout,
      }),
      node('yes', 'action.end', { outcome: 'completed' }),
      node('no', 'action.end', { outcome: 'cancelled' }),
      node('late', 'action.end', { outcome: 'completed' }),
    ],
    [
      edge('start', 'next', 'approve'),
      edge('approve', 'approved', 'yes'),
      edge('approve', 'rejected', 'no'),
      edge('approve', 'timed_out', 'late'),
    ],
  );

const trigger = { data: { request: { id: 'r1', message: '退款' } } };
const path = (outcome: ReturnType<typeof dryRunFlow>) =>
  outcome.steps.map((step) => [step.nodeId, step.port]);

describe('the dry run of Ask for approval', () => {
  it('is approved at once unless the tester picks another outcome', () => {
    const approved = dryRunFlow(flow(), trigger, T0);
    expect(approved.status).toBe('completed');
    expect(path(approved)).toContainEqual(['approve', 'approved']);
    expect(approved.steps.find((step) => step.nodeId === 'approve')?.finishedAt).toBe(T0);

    expect(path(dryRunFlow(flow(), trigger, T0, { approvalOutcome: 'rejected' }))).toContainEqual([
      'approve',
      'rejected',
    ]);
    const late = dryRunFlow(flow('rejected'), trigger, T0, { approvalOutcome: 'timed_out' });
    expect(path(late)).toContainEqual(['approve', 'rejected']);
  });
});

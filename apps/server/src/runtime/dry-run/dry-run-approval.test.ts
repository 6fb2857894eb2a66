import { describe, expect, it } from 'vitest';
import { dryRunFlow } from './dry-run.ts';
import { approvalFlow as flow } from './dry-run-test-kit.ts';

const T0 = '2026-11-22T08:00:00.000Z';

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

import { lintFlow } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeRequest } from '../../runtime-port.ts';
import { createRuntimeHarness, edge, graph, node, type RuntimeHarness } from '../runtime-test-kit.ts';
import { dryRunFlow } from './dry-run.ts';

/**
 * Resolving a ticket needs a solution summary (an Update ticket step gives
 * its note as one). The live desk refuses a resolve without it; the dry run
 * and the linter say so too, because all three read the one rule in
 * @flowdesk/model's ticket lifecycle.
 */
function resolving(update: Record<string, unknown>) {
  return graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('ticket', 'action.create_ticket', { title: '{{ request.message }}', priority: 'medium' }),
      node('resolve', 'action.update_ticket', { status: 'resolved', ...update }),
      node('failed', 'action.end', { outcome: 'cancelled' }),
      node('done', 'action.end', { outcome: 'completed' }),
    ],
    [
      edge('start', 'next', 'ticket'),
      edge('ticket', 'next', 'resolve'),
      edge('resolve', 'error', 'failed'),
      edge('resolve', 'next', 'done'),
    ],
  );
}

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
  error?: { code?: unknown } | null;
}

function resolveStep(steps: readonly StepLike[]) {
  const step = steps.find((candidate) => candidate.nodeId === 'resolve');
  return { port: step?.port ?? null, error: step?.error?.code ?? null };
}

const NOW = '2026-11-22T01:00:00.000Z';

describe('resolving a ticket without a solution note', () => {
  let harness: RuntimeHarness;

  beforeEach(async () => {
    harness = await createRuntimeHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  async function live(flowId: string, flow: ReturnType<typeof resolving>) {
    await harness.publish(flowId, flow);
    const { executionIds } = await harness.runtime.intake(intake, { apiKeyId: 'k1' });
    await harness.drain();
    const steps = await harness.store.executions.listSteps(executionIds[0] as string);
    return resolveStep(steps as unknown as StepLike[]);
  }

  const dry = (flow: ReturnType<typeof resolving>) =>
    resolveStep(
      dryRunFlow(flow, { data: { request: { ...intake, id: 'r1' } } }, NOW).steps as unknown as StepLike[],
    );

  it('is refused live, in the dry run and by the linter alike', async () => {
    const noNote = resolving({});
    const refusal = { port: 'error', error: 'desk.solution_required' };
    expect(await live('no-note', noNote)).toEqual(refusal);
    expect(dry(noNote)).toEqual(refusal);
    expect(lintFlow(noNote)).toContainEqual(
      expect.objectContaining({
        code: 'ticket.solution_required',
        severity: 'error',
        nodeId: 'resolve',
        field: 'config.note',
      }),
    );
  });

  it('refuses a note that renders blank, and one longer than a solution summary may be', async () => {
    const blank = resolving({ note: '{{ request.nothing }}  ' });
    expect(dry(blank)).toEqual({ port: 'error', error: 'desk.solution_required' });

    const long = resolving({ note: '退'.repeat(101) });
    const tooLong = { port: 'error', error: 'desk.solution_too_long' };
    expect(await live('long-note', long)).toEqual(tooLong);
    expect(dry(long)).toEqual(tooLong);
    expect(lintFlow(long)).toContainEqual(
      expect.objectContaining({ code: 'ticket.solution_too_long', nodeId: 'resolve', field: 'config.note' }),
    );
  });

  it('goes through everywhere with a note as the solution', async () => {
    const withNote = resolving({ note: '已为客户查询订单：{{ request.message }}' });
    expect(await live('with-note', withNote)).toEqual({ port: 'next', error: null });
    expect(dry(withNote)).toEqual({ port: 'next', error: null });
    expect(lintFlow(withNote).filter((problem) => problem.code.startsWith('ticket.solution'))).toEqual([]);
  });

  it('is only a warning where the ticket may already be resolved (a flow started by a ticket event)', () => {
    const onEvent = graph(
      [
        node('start', 'trigger.ticket_event', { events: ['customer_replied'], statuses: [] }),
        node('resolve', 'action.update_ticket', { status: 'resolved' }),
      ],
      [edge('start', 'next', 'resolve')],
    );
    const problems = lintFlow(onEvent).filter((problem) => problem.code.startsWith('ticket.solution'));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'ticket.solution_required', severity: 'warning', nodeId: 'resolve' }),
    ]);
    expect(problems[0]?.message.en).toContain('on paths where the ticket is not resolved yet');
  });
});

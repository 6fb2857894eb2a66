import { lintFlow } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeHarness, edge, graph, node, type RuntimeHarness } from '../runtime-test-kit.ts';
import { drySteps, liveSteps, type StepLike, updateTicketFlow } from './dry-run-test-kit.ts';

/**
 * Resolving a ticket needs a solution summary (an Update ticket step gives
 * its note as one). The live desk refuses a resolve without it; the dry run
 * and the linter say so too, because all three read the one rule in
 * @flowdesk/model's ticket lifecycle.
 */
const resolving = (update: Record<string, unknown>) =>
  updateTicketFlow('resolve', { status: 'resolved', ...update });

function resolveStep(steps: readonly StepLike[]) {
  const step = steps.find((candidate) => candidate.nodeId === 'resolve');
  return { port: step?.port ?? null, error: step?.error?.code ?? null };
}

describe('resolving a ticket without a solution note', () => {
  let harness: RuntimeHarness;

  beforeEach(async () => {
    harness = await createRuntimeHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  const live = async (flowId: string, flow: ReturnType<typeof resolving>) =>
    resolveStep(await liveSteps(harness, flowId, flow));
  const dry = (flow: ReturnType<typeof resolving>) => resolveStep(drySteps(flow));

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

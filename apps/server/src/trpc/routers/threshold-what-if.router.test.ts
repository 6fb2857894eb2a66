import type { FlowGraph } from '@flowdesk/model';
import type { Ticket } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeThresholdWhatIf } from '../../classify-what-if/threshold-what-if.service.ts';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

const SETTINGS = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };
const at = { x: 0, y: 0 };
const category = (id: string) => ({ id, label: { 'zh-CN': id, en: id }, keywords: [], examples: [] });

/** Trigger → Classify ("what", threshold 0.7) → one ticket step. */
const GRAPH: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.request_received', config: { channels: [] }, position: at },
    {
      id: 'what',
      type: 'logic.classify',
      config: {
        source: 'request.message',
        categories: [category('returns'), category('order_status'), category('complaint')],
        threshold: 0.7,
      },
      position: at,
    },
    {
      id: 'ticket',
      type: 'action.create_ticket',
      config: { title: 't', description: '', priority: 'medium', customFields: {} },
      position: at,
    },
  ],
  edges: [{ id: 'e1', source: 'start', sourcePort: 'next', target: 'what' }],
  settings: SETTINGS,
};

let bed: TestBed;
const HOUR = 3_600_000;
const START = Date.parse('2026-11-20T00:00:00.000Z');

async function ticket(id: string, category: string, extra: Partial<Ticket> = {}) {
  const now = new Date(START).toISOString();
  await bed.store.tickets.create({
    id,
    number: `CS20261120${id.padStart(3, '0')}`,
    workspaceId: 'default',
    title: id,
    description: `text of ${id}`,
    channel: 'api',
    category,
    priority: 'medium',
    status: 'new',
    team: null,
    assignee: null,
    customerId: null,
    vipLevel: 0,
    customFields: {},
    tags: [],
    solution: null,
    slaPolicyId: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstRespondedAt: null,
    pausedAt: null,
    pausedMs: 0,
    slaState: 'none',
    slaRevision: 0,
    createdByKey: null,
    createdAt: now,
    updatedAt: now,
    resolvedAt: null,
    closedAt: null,
    ...extra,
  });
}

/** A past execution of `version` whose Classify step chose `classified` (or nothing) and which created `ticketId`. */
async function classified(
  id: string,
  version: number,
  hours: number,
  classified: { category: string | null; confidence: number } | null,
  ticketId?: string,
) {
  const startedAt = new Date(START + hours * HOUR).toISOString();
  await bed.store.executions.create({
    id,
    flowId: 'intake',
    version,
    status: 'completed',
    state: { executionId: id },
    startedAt,
    finishedAt: startedAt,
  });
  const step = (seq: number, nodeId: string, nodeType: string, output: Record<string, unknown>) => ({
    seq,
    nodeId,
    nodeType,
    visit: 1,
    input: {},
    output: output as never,
    port: null,
    startedAt,
    finishedAt: startedAt,
  });
  await bed.store.executions.appendSteps(id, [
    step(1, 'start', 'trigger.request_received', {}),
    ...(classified
      ? [step(2, 'what', 'logic.classify', { classification: { ...classified, threshold: 0.7 } })]
      : []),
    ...(ticketId ? [step(3, 'ticket', 'action.create_ticket', { ticket: { id: ticketId } })] : []),
  ]);
}

async function correct(id: string, ticketId: string, from: string | null, to: string, minutes: number) {
  await bed.store.classifierCorrections.add({
    id,
    workspaceId: 'default',
    text: `text of ${ticketId}`,
    fromLabel: from,
    toLabel: to,
    ticketId,
    by: 'user-agent',
    at: new Date(START + 50 * HOUR + minutes * 60_000).toISOString(),
  });
}

beforeEach(async () => {
  bed = await createTestBed();
  const now = bed.clock.now().toISOString();
  await bed.store.flows.create({
    id: 'intake',
    workspaceId: 'default',
    name: 'Intake',
    draft: GRAPH,
    createdBy: 'x',
    now,
  });
  await bed.store.flows.create({
    id: 'unpublished',
    workspaceId: 'default',
    name: 'New',
    draft: GRAPH,
    createdBy: 'x',
    now,
  });
  await bed.store.versions.publish('intake', GRAPH, 'v1', 'x', now);
  // Version 1's classification is not the live version's: left out.
  await classified('old', 1, 1, { category: 'returns', confidence: 0.2 });
  await bed.store.versions.publish('intake', GRAPH, 'v2', 'x', now);
  // Seven requests on v2, eight hours apart over two days (hand-counted below).
  await ticket('t0', 'returns', { status: 'resolved', resolvedAt: now }); // kept when resolving: right
  await classified('e0', 2, 0, { category: 'returns', confidence: 0.95 }, 't0');
  await ticket('t1', 'complaint'); // corrected: wrong
  await classified('e1', 2, 8, { category: 'returns', confidence: 0.9 }, 't1');
  await correct('c1', 't1', 'returns', 'complaint', 1);
  await ticket('t2', 'order_status'); // parked and confirmed as guessed: right
  await classified('e2', 2, 16, { category: 'order_status', confidence: 0.8 }, 't2');
  await correct('c2', 't2', null, 'order_status', 2);
  await ticket('t3', 'order_status'); // nobody looked
  await classified('e3', 2, 24, { category: 'order_status', confidence: 0.6 }, 't3');
  await classified('e4', 2, 32, { category: null, confidence: 0 }); // nothing decided, no ticket
  await ticket('t5', 'returns'); // changed, then changed back: the latest correction counts (right)
  await classified('e5', 2, 40, { category: 'returns', confidence: 1 }, 't5');
  await correct('c5a', 't5', 'returns', 'complaint', 3);
  await correct('c5b', 't5', 'complaint', 'returns', 4);
  await ticket('t6', 'complaint', { status: 'closed', closedAt: now }); // closed as classified: right
  await classified('e6', 2, 48, { category: 'complaint', confidence: 0.85 }, 't6');
  await classified('e7', 2, 20, null); // took another path: not a classification of the step
});
afterEach(() => bed.close());

const point = <P extends { threshold: number }>(answer: { points: readonly P[] }, threshold: number) =>
  answer.points.find((candidate) => candidate.threshold === threshold);

describe('thresholdWhatIf.compute', () => {
  it('counts the live version’s classifications against what people said, per threshold', async () => {
    const answer = await bed
      .callerAs(bed.users.editor)
      .thresholdWhatIf.compute({ flowId: 'intake', nodeId: 'what' });
    expect(answer).toMatchObject({
      version: 2,
      currentThreshold: 0.7,
      cases: 7,
      checked: 5,
      corrected: 1,
      confirmed: 4,
      periodDays: 2,
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    });
    // At 0.7: e3 (0.6) and e4 (undecided) go to people; e0, e1, e2, e5, e6 are checked, only e1 wrong.
    expect(point(answer, 0.7)).toMatchObject({
      handedOff: 2,
      automatic: 5,
      evidence: 5,
      right: 4,
      precision: 0.8,
      handedOffPerDay: 1,
    });
    expect(point(answer, 0.7)?.handedOffShare).toBeCloseTo(2 / 7, 12);
    // At 0.86 e2 and e6 go to people too: three checked cases are not enough.
    expect(point(answer, 0.86)).toMatchObject({
      handedOff: 4,
      evidence: 3,
      precision: null,
      handedOffPerDay: 2,
    });
  });

  it('reads steps, corrections and tickets in batches, not one execution or ticket at a time', async () => {
    const calls: string[] = [];
    /** The store as the service sees it, every repository call written down. */
    const counted = new Proxy(bed.store, {
      get(target, repo, receiver) {
        const value = Reflect.get(target, repo, receiver) as unknown;
        if (typeof repo !== 'string' || !value || typeof value !== 'object') return value;
        return new Proxy(value, {
          get(inner, method, innerReceiver) {
            const fn = Reflect.get(inner, method, innerReceiver) as unknown;
            if (typeof fn !== 'function') return fn;
            return (...args: unknown[]) => {
              calls.push(`${repo}.${String(method)}`);
              return (fn as (...a: unknown[]) => unknown).apply(inner, args);
            };
          },
        });
      },
    });
    const batched = await computeThresholdWhatIf(counted, {
      flowId: 'intake',
      nodeId: 'what',
      selection: { last: 500 },
    });
    const viaTrpc = await bed
      .callerAs(bed.users.editor)
      .thresholdWhatIf.compute({ flowId: 'intake', nodeId: 'what' });
    expect(batched).toEqual(viaTrpc);
    const count = (name: string) => calls.filter((call) => call === name).length;
    expect(count('executions.listStepsOf')).toBe(1);
    expect(count('classifierCorrections.listForTickets')).toBe(1);
    expect(count('tickets.getMany')).toBe(1);
    expect(count('executions.listSteps') + count('tickets.get') + count('executions.get')).toBe(0);
  });

  it('reads a date range only, over its whole length', async () => {
    const answer = await bed.callerAs(bed.users.admin).thresholdWhatIf.compute({
      flowId: 'intake',
      nodeId: 'what',
      from: '2026-11-20T00:00:00Z',
      to: '2026-11-21T00:00:00Z',
    });
    expect(answer).toMatchObject({ cases: 3, periodDays: 1, corrected: 1, confirmed: 2 });
    expect(point(answer, 0.7)).toMatchObject({ handedOff: 0, evidence: 3, precision: null });
  });

  it('is for flow editors and admins only', async () => {
    for (const role of ['agent', 'viewer', 'supervisor'] as const) {
      await expect(
        bed.callerAs(bed.users[role]).thresholdWhatIf.compute({ flowId: 'intake', nodeId: 'what' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(
      bed.callerAs(null).thresholdWhatIf.compute({ flowId: 'intake', nodeId: 'what' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses, translated, an unknown step, a step that does not classify, a reversed range, no history, no live version', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const refusal = async (
      input: Parameters<typeof editor.thresholdWhatIf.compute>[0],
      code: string,
      trpc: string,
    ) => {
      const error = await editor.thresholdWhatIf.compute(input).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: trpc, cause: { code } });
      const messages = (error as { cause: { messages: Record<string, string> } }).cause.messages;
      expect(messages['zh-CN']).toBeTruthy();
      expect(messages.en).toBeTruthy();
      return messages;
    };
    expect(
      (await refusal({ flowId: 'intake', nodeId: 'nope' }, 'what_if_unknown_node', 'NOT_FOUND')).en,
    ).toContain('nope');
    await refusal({ flowId: 'intake', nodeId: 'ticket' }, 'what_if_not_classify', 'BAD_REQUEST');
    await refusal(
      { flowId: 'intake', nodeId: 'what', from: '2026-11-21T00:00:00Z', to: '2026-11-20T00:00:00Z' },
      'what_if_range_invalid',
      'BAD_REQUEST',
    );
    expect(
      (
        await refusal(
          { flowId: 'intake', nodeId: 'what', from: '2026-10-01T00:00:00Z', to: '2026-10-02T00:00:00Z' },
          'what_if_no_history',
          'PRECONDITION_FAILED',
        )
      ).en,
    ).toContain('v2');
    await refusal(
      { flowId: 'unpublished', nodeId: 'what' },
      'what_if_no_live_version',
      'PRECONDITION_FAILED',
    );
    await refusal({ flowId: 'missing', nodeId: 'what' }, 'flow_not_found', 'NOT_FOUND');
  });

  it('rejects malformed input before reading anything', async () => {
    const editor = bed.callerAs(bed.users.editor);
    await expect(
      editor.thresholdWhatIf.compute({ flowId: 'intake', nodeId: 'what', last: 5001 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      editor.thresholdWhatIf.compute({ flowId: 'intake', nodeId: 'what', from: '2026-11-20T00:00:00Z' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(editor.thresholdWhatIf.compute({ flowId: '', nodeId: 'what' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('leaves out, and counts, executions whose step log the retention pruned; says so when that is all', async () => {
    const pruned = await bed.store.executions.pruneSteps({
      finishedBefore: new Date(START + 17 * HOUR).toISOString(),
      now: bed.clock.now().toISOString(),
      limit: 100,
    });
    expect(pruned).toBe(4); // e0, e1, e2 and v1's 'old'
    const editor = bed.callerAs(bed.users.editor);
    const answer = await editor.thresholdWhatIf.compute({ flowId: 'intake', nodeId: 'what' });
    // e3, e4, e5, e6 remain as cases; e7 took another path.
    expect(answer).toMatchObject({ cases: 4, pruned: 3 });
    const error = await editor.thresholdWhatIf
      .compute({
        flowId: 'intake',
        nodeId: 'what',
        from: new Date(START).toISOString(),
        to: new Date(START + 17 * HOUR).toISOString(),
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'PRECONDITION_FAILED',
      cause: { code: 'what_if_history_pruned' },
    });
    const messages = (error as { cause: { messages: Record<string, string> } }).cause.messages;
    expect(messages.en).toContain('3 execution(s) of live version v2');
    expect(messages['zh-CN']).toContain('超过保留期');
  });

  it('reads the last N executions only', async () => {
    const answer = await bed.callerAs(bed.users.editor).thresholdWhatIf.compute({
      flowId: 'intake',
      nodeId: 'what',
      last: 2,
    });
    // The newest two are e6 (48 h) and e5 (40 h): eight hours apart, counted as one day.
    expect(answer).toMatchObject({ cases: 2, periodDays: 1, from: '2026-11-21T16:00:00.000Z' });
  });
});

import { deskActivities } from '@flowdesk/desk';
import type { FlowGraph } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultActivities } from '../../runtime/activities/default-activities.ts';
import { FlowRuntime } from '../../runtime/flow-runtime.ts';
import { ChannelOutbox } from '../../runtime/outbox/channel-outbox.ts';
import { PublishedFlows } from '../../runtime/published-flows.ts';
import { edge, graph, node, sequentialIds } from '../../runtime/runtime-test-kit.ts';
import type { IntakeRequest } from '../../runtime-port.ts';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

/**
 * Real requests through the real runtime over the bed's store: the overlay's
 * counts come from the rollups the step writes keep, and must equal what the
 * executions' own step logs say.
 */

let bed: TestBed;
let runtime: FlowRuntime;
const TODAY = '2026-11-22';
const RANGE = { flowId: 'intake', from: '2026-11-01', to: '2026-11-30' };

const contains = (word: string) => ({
  mode: 'rules',
  rules: {
    kind: 'group',
    combinator: 'all',
    children: [{ kind: 'rule', field: 'request.message', operator: 'contains', value: word }],
  },
});

/** People get what the check matches; a "crash" fails (no ticket to update yet); the rest is closed by the flow. */
function intakeGraph(handOffWord: string): FlowGraph {
  return graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('check', 'logic.condition', contains(handOffWord)),
      node('crash', 'logic.condition', contains('crash')),
      node('broken', 'action.update_ticket', { status: 'closed', addTags: [], customFields: {} }),
      node('ticket', 'action.create_ticket', {
        title: '{{ request.message }}',
        priority: 'auto',
        customFields: {},
      }),
      node('people', 'action.escalate', { queue: 'supervisor', reason: 'asked', raisePriority: false }),
      node('autoTicket', 'action.create_ticket', {
        title: '{{ request.message }}',
        priority: 'auto',
        customFields: {},
      }),
      node('close', 'action.update_ticket', { status: 'closed', addTags: [], customFields: {} }),
      node('done', 'action.end', { outcome: 'completed' }),
    ],
    [
      edge('start', 'next', 'check'),
      edge('check', 'true', 'ticket'),
      edge('check', 'false', 'crash'),
      edge('crash', 'true', 'broken'),
      edge('crash', 'false', 'autoTicket'),
      edge('ticket', 'next', 'people'),
      edge('people', 'next', 'done'),
      edge('autoTicket', 'next', 'close'),
      edge('close', 'next', 'done'),
    ],
  );
}

beforeEach(async () => {
  bed = await createTestBed();
  const ids = sequentialIds('rt');
  const clock = { now: () => bed.clock.now() };
  const flows = new PublishedFlows(bed.store);
  runtime = new FlowRuntime({
    store: bed.store,
    clock,
    ids,
    flows,
    activities: defaultActivities(
      { allowPrivateNetworks: true },
      deskActivities({ clock, ids, listensTo: (event) => flows.listensToTicketEvent('default', event) }),
    ),
    outbox: new ChannelOutbox({
      secret: 'test-secret',
      now: () => bed.clock.now(),
      allowPrivateNetworks: true,
    }),
    workerId: 'test-worker',
  });
  const now = bed.clock.now().toISOString();
  await bed.store.flows.create({
    id: 'intake',
    workspaceId: 'default',
    name: 'intake',
    draft: intakeGraph('refund'),
    createdBy: 'u1',
    now,
  });
});
afterEach(async () => {
  await bed.close();
});

async function publish(handOffWord: string): Promise<void> {
  await bed.store.versions.publish(
    'intake',
    intakeGraph(handOffWord),
    'test',
    'u1',
    bed.clock.now().toISOString(),
  );
  runtime.flowsChanged();
}

async function ask(message: string): Promise<string> {
  const result = await runtime.intake(
    {
      channel: 'chat',
      customer: { name: 'Wang' },
      message,
      attachments: [],
      customFields: {},
      metadata: {},
    } satisfies IntakeRequest,
    { apiKeyId: 'k' },
  );
  return result.executionIds[0] as string;
}

async function answerCsat(executionId: string, score: number): Promise<void> {
  const id = `survey-${executionId}`;
  await bed.store.surveys.create({
    id,
    workspaceId: 'default',
    tokenHash: `hash-${id}`,
    kind: 'csat',
    ticketId: null,
    customerId: null,
    executionId,
    channel: 'reply',
    locale: 'en',
    question: '',
    createdAt: bed.clock.now().toISOString(),
    expiresAt: '2027-01-01T00:00:00.000Z',
  });
  await bed.store.surveys.answer(id, { score, comment: null, answeredAt: bed.clock.now().toISOString() });
}

/** Edge traversals as the executions' step logs tell them: each step and the step after it. */
async function pathsOf(executionIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const id of executionIds) {
    const steps = await bed.store.executions.listSteps(id);
    for (const [index, step] of steps.entries()) {
      const next = steps[index + 1];
      if (!next) continue;
      const key = `${step.nodeId}:${step.port}->${next.nodeId}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

describe('flowAnalytics', () => {
  it('counts what real requests did per edge and step, per version, and compares two versions in sentences', async () => {
    expect(bed.clock.now().toISOString().slice(0, 10)).toBe(TODAY);
    await publish('refund');
    const v1 = [
      await ask('refund please'),
      await ask('I want a refund'),
      await ask('hello'),
      await ask('crash now'),
    ];
    await answerCsat(v1[0] as string, 5);
    await answerCsat(v1[2] as string, 4);
    await publish('urgent');
    const v2 = [
      await ask('urgent refund'),
      await ask('hello'),
      await ask('refund?'),
      await ask('crash again'),
    ];
    await answerCsat(v2[1] as string, 3);

    const viewer = bed.callerAs(bed.users.viewer);
    const first = (await viewer.flowAnalytics.overlay({ ...RANGE, version: 1 })).overlay;
    const second = (await viewer.flowAnalytics.overlay({ ...RANGE, version: 2 })).overlay;
    for (const [overlay, ids] of [
      [first, v1],
      [second, v2],
    ] as const) {
      const expected = await pathsOf(ids);
      const shown = new Map(
        overlay.edges
          .filter((line) => line.count > 0)
          .map((line) => [`${line.source}:${line.sourcePort}->${line.target}`, line.count]),
      );
      expect(shown).toEqual(expected);
    }
    const line = (source: string, port: string) =>
      first.edges.find((entry) => entry.source === source && entry.sourcePort === port);
    expect(line('start', 'next')).toMatchObject({ count: 4, share: null });
    expect(line('check', 'true')).toMatchObject({ count: 2, share: 0.5 });
    expect(line('check', 'false')).toMatchObject({ count: 2, share: 0.5 });
    expect(line('crash', 'true')).toMatchObject({ count: 1, share: 0.5 });
    const step = (nodeId: string) => first.steps.find((entry) => entry.nodeId === nodeId);
    // "crash now" reached the update with no ticket: a failure and the execution's incident.
    expect(step('broken')).toMatchObject({ runs: 1, failures: 1, incidents: 1 });
    expect(step('close')).toMatchObject({
      runs: 1,
      failures: 0,
      incidents: 0,
      medianWaitSeconds: null,
      dropOff: null,
    });
    expect(first.outcomes).toEqual({
      started: 4,
      ticketsCreated: 3,
      handedOff: 2,
      handOffShare: 0.5,
      autoResolved: 1,
      autoResolvedShare: 0.25,
      failed: 1,
      failedShare: 0.25,
      csatMean: 4.5,
      csatAnswers: 2,
    });
    expect(second.outcomes).toMatchObject({
      started: 4,
      handedOff: 1,
      autoResolved: 2,
      failed: 1,
      csatMean: 3,
    });

    const compared = await viewer.flowAnalytics.compare({ ...RANGE, a: 2, b: 1 });
    // Hand-off 1/4 against 2/4: (0.25 − 0.5) / 0.5 = −50 %.
    expect(compared.comparison.handOff).toMatchObject({ a: 0.25, b: 0.5, relativeChange: -0.5 });
    expect(compared.comparison.handOff.sentence).toEqual({
      'zh-CN': 'v2 转人工的请求比 v1 少 50%（25% 对 50%）',
      en: 'v2 sends 50 % fewer requests to people than v1 (25 % vs 50 % of requests)',
    });
    expect(compared.comparison.csat.sentence.en).toBe('CSAT 3.0 (v2) vs 4.5 (v1)');
    expect(compared.comparison.failures.sentence.en).toBe('v2 fails 25 % of executions, v1 25 %');
    expect(compared.comparison.autoResolved.sentence.en).toBe(
      'v2 resolves without a person 50 % of executions, v1 25 %',
    );
  });

  it("counts days in the workspace's time zone: a step at 2026-03-01T17:30Z is on 2 March in Asia/Shanghai", async () => {
    bed.clock.current = new Date('2026-03-01T17:30:00.000Z');
    await publish('refund');
    await ask('refund please');
    const viewer = bed.callerAs(bed.users.viewer);
    const started = async (day: string) =>
      (await viewer.flowAnalytics.overlay({ flowId: 'intake', from: day, to: day, version: 1 })).overlay
        .outcomes.started;
    const answer = await viewer.flowAnalytics.overlay({
      flowId: 'intake',
      from: '2026-03-02',
      to: '2026-03-02',
      version: 1,
    });
    expect(answer.timezone).toBe('Asia/Shanghai');
    expect(answer.overlay.steps.find((step) => step.nodeId === 'start')).toMatchObject({ runs: 1 });
    expect(await started('2026-03-02')).toBe(1);
    // The UTC date is 1 March, but that day in Shanghai ended at 16:00Z.
    expect(await started('2026-03-01')).toBe(0);
    // No days asked: the last 30 days ending today in Shanghai (2 March there, still 1 March in UTC).
    const byDefault = await viewer.flowAnalytics.overlay({ flowId: 'intake', version: 1 });
    expect(byDefault).toMatchObject({ from: '2026-02-01', to: '2026-03-02' });
    expect(byDefault.overlay.outcomes.started).toBe(1);
    const compared = await viewer.flowAnalytics.compare({
      flowId: 'intake',
      from: '2026-03-02',
      to: '2026-03-02',
      a: 1,
      b: 1,
    });
    expect(compared.a.outcomes.started).toBe(1);
  });

  it('lets flow readers in, keeps the others out, and refuses an unknown flow or version and a reversed range with a translated error', async () => {
    await publish('refund');
    for (const user of [bed.users.admin, bed.users.editor, bed.users.viewer]) {
      await expect(bed.callerAs(user).flowAnalytics.overlay({ ...RANGE, version: 1 })).resolves.toMatchObject(
        {
          overlay: { version: 1 },
        },
      );
    }
    for (const user of [bed.users.agent, bed.users.supervisor]) {
      await expect(bed.callerAs(user).flowAnalytics.overlay({ ...RANGE, version: 1 })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(bed.callerAs(user).flowAnalytics.compare({ ...RANGE, a: 1, b: 1 })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const editor = bed.callerAs(bed.users.editor).flowAnalytics;
    await expect(editor.overlay({ ...RANGE, flowId: 'nope', version: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { code: 'flow_not_found' },
    });
    await expect(editor.compare({ ...RANGE, a: 1, b: 9 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { code: 'version_not_found' },
    });
    const reversed = editor.overlay({ ...RANGE, from: '2026-11-30', to: '2026-11-01', version: 1 });
    await expect(reversed).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: {
        code: 'flow_analytics_range_reversed',
        messages: {
          'zh-CN': '开始日期（2026-11-30）应不晚于结束日期（2026-11-01）',
          en: 'The first day (2026-11-30) must not come after the last day (2026-11-01)',
        },
      },
    });
    await expect(editor.overlay({ ...RANGE, from: '2025-01-01', version: 1 })).rejects.toMatchObject({
      cause: { code: 'flow_analytics_range_too_long' },
    });
    await expect(editor.overlay({ ...RANGE, from: '2026-13-01', version: 1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

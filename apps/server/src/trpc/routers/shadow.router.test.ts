import type { FlowGraph } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed, unfinishedGraph } from '../../testing/server-test-kit.ts';

const SETTINGS = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };
const at = { x: 0, y: 0 };

/** Requests whose message holds the keyword go to the VIP team, the rest to after-sales. */
function routing(keyword: string): FlowGraph {
  const ticket = (id: string, team: string) => ({
    id,
    type: 'action.create_ticket',
    config: { title: '{{ request.message }}', description: '', priority: 'medium', team, customFields: {} },
    position: at,
  });
  return {
    nodes: [
      { id: 'start', type: 'trigger.request_received', config: { channels: [] }, position: at },
      {
        id: 'is-vip',
        type: 'logic.condition',
        config: {
          mode: 'rules',
          rules: {
            kind: 'group',
            combinator: 'all',
            children: [{ kind: 'rule', field: 'request.message', operator: 'contains', value: keyword }],
          },
        },
        position: at,
      },
      ticket('vip-ticket', 'vip'),
      ticket('normal-ticket', 'after-sales'),
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'is-vip' },
      { id: 'e2', source: 'is-vip', sourcePort: 'true', target: 'vip-ticket' },
      { id: 'e3', source: 'is-vip', sourcePort: 'false', target: 'normal-ticket' },
    ],
    settings: SETTINGS,
  };
}

let bed: TestBed;

/** A finished past execution of the flow, as intake would have stored it: the request is in its data. */
async function pastRequest(id: string, message: string, startedAt: string) {
  await bed.store.executions.create({
    id,
    flowId: 'returns',
    version: 1,
    status: 'completed',
    state: {
      executionId: id,
      flowId: 'returns',
      version: 1,
      status: 'completed',
      data: {
        variables: {},
        request: {
          id: `req-${id}`,
          channel: 'web_form',
          message,
          customer: { name: '李娜', phone: '13812345678' },
          receivedAt: startedAt,
        },
      },
      cursor: { nodeId: 'start', visit: 1 },
      seq: 0,
      stepSeq: 0,
      visits: {},
      pending: null,
      startedAt,
      updatedAt: startedAt,
      finishedAt: startedAt,
    },
    startedAt,
    finishedAt: startedAt,
  });
}

beforeEach(async () => {
  bed = await createTestBed();
  for (const id of ['vip', 'after-sales']) {
    await bed.store.teams.put({
      id,
      workspaceId: 'default',
      name: { 'zh-CN': id, en: id === 'vip' ? 'VIP team' : 'After-sales' },
      skills: [],
      calendar: null,
      supervisorQueue: null,
    });
  }
  const now = bed.clock.now().toISOString();
  await bed.store.flows.create({
    id: 'returns',
    workspaceId: 'default',
    name: 'Returns',
    draft: routing('金卡'),
    createdBy: 'user-editor',
    now,
  });
  await bed.store.versions.publish('returns', routing('金卡'), 'v1', 'user-editor', now);
  const messages = ['金卡 退款', '退款', '发票', '退款进度'];
  for (const [index, message] of messages.entries()) {
    await pastRequest(`exec-${index}`, message, `2026-11-21T0${index}:00:00.000Z`);
  }
});
afterEach(() => bed.close());

async function changeDraft(keyword: string) {
  const flow = await bed.store.flows.get('returns');
  await bed.store.flows.updateDraft(
    'returns',
    routing(keyword),
    flow?.draftRevision ?? 1,
    'user-editor',
    bed.clock.now().toISOString(),
  );
}

async function finishedRun(caller = bed.callerAs(bed.users.editor), last = 500) {
  const started = await caller.shadow.start({ flowId: 'returns', last });
  await bed.services.shadowRuns.settled(started.runId);
  return started.runId;
}

describe('shadow.* procedures', () => {
  it('lets editors and admins run and read, refuses agents and viewers to run, and reports the changed requests', async () => {
    for (const role of ['agent', 'viewer', 'supervisor'] as const) {
      await expect(
        bed.callerAs(bed.users[role]).shadow.start({ flowId: 'returns', last: 10 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(bed.callerAs(null).shadow.start({ flowId: 'returns' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await changeDraft('退款');
    const editor = bed.callerAs(bed.users.editor);
    const runId = await finishedRun(editor);
    expect(await editor.shadow.progress({ runId })).toMatchObject({
      status: 'finished',
      done: 4,
      total: 4,
      reportId: runId,
    });
    const report = await bed.callerAs(bed.users.viewer).shadow.report({ runId });
    expect(report.current).toBe(true);
    expect(report.report.replayed).toBe(4);
    expect(report.report.changedCount).toBe(2);
    expect(report.report.groups[0]).toMatchObject({ kind: 'team', from: 'after-sales', to: 'vip', count: 2 });
    expect(report.teamNames.vip?.en).toBe('VIP team');
    const trace = report.traces.find((one) => one.executionId === 'exec-1');
    expect(trace?.live.path).toEqual(['start', 'is-vip', 'normal-ticket']);
    expect(trace?.draft.path).toEqual(['start', 'is-vip', 'vip-ticket']);
    await expect(bed.callerAs(bed.users.agent).shadow.report({ runId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const audit = await bed.store.audit.list({});
    expect(audit.items.some((entry) => entry.action === 'flow.shadow_run')).toBe(true);
  });

  it('refuses a draft with lint errors, an empty history and more than 5,000 requests, translated', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const refusal = (appCode: string) => ({ cause: { code: appCode } });
    await expect(editor.shadow.start({ flowId: 'returns', last: 5001 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      ...refusal('shadow_limit'),
    });
    await expect(
      editor.shadow.start({ flowId: 'returns', from: '2026-10-01T00:00:00Z', to: '2026-10-02T00:00:00Z' }),
    ).rejects.toMatchObject(refusal('shadow_empty_history'));
    const error = await editor.shadow
      .start({ flowId: 'returns', from: '2026-10-01T00:00:00Z', to: '2026-10-02T00:00:00Z' })
      .catch((caught) => caught);
    expect(error.cause.messages['zh-CN']).toContain('没有');
    const flow = await bed.store.flows.get('returns');
    await bed.store.flows.updateDraft(
      'returns',
      unfinishedGraph(),
      flow?.draftRevision ?? 1,
      'x',
      bed.clock.now().toISOString(),
    );
    await expect(editor.shadow.start({ flowId: 'returns' })).rejects.toMatchObject(refusal('shadow_blocked'));
    await expect(editor.shadow.progress({ runId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(editor.shadow.cancel({ runId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('replays a date range only', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const started = await editor.shadow.start({
      flowId: 'returns',
      from: '2026-11-21T01:00:00Z',
      to: '2026-11-21T03:00:00Z',
    });
    expect(started.total).toBe(2);
  });

  it('keeps a critical flow from being published without a shadow run of its current draft, and stores the report with the version', async () => {
    const admin = bed.callerAs(bed.users.admin);
    const editor = bed.callerAs(bed.users.editor);
    await expect(editor.shadow.setCritical({ flowId: 'returns', critical: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await admin.shadow.setCritical({ flowId: 'returns', critical: true });
    expect(await editor.shadow.guard({ flowId: 'returns' })).toEqual({ critical: true });
    await changeDraft('退款');
    await expect(editor.flows.publish({ id: 'returns' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      cause: { code: 'shadow_required' },
    });
    const runId = await finishedRun(editor);
    // The draft moves on after the run: the report no longer describes it.
    await changeDraft('发票');
    await expect(editor.flows.publish({ id: 'returns', shadowReportId: runId })).rejects.toMatchObject({
      cause: { code: 'shadow_report_stale' },
    });
    const fresh = await finishedRun(editor);
    const published = await editor.flows.publish({ id: 'returns', shadowReportId: fresh });
    expect(published.version).toBe(2);
    const onVersion = await editor.shadow.forVersion({ flowId: 'returns', version: 2 });
    expect(onVersion?.id).toBe(fresh);
    expect(onVersion?.publishedVersion).toBe(2);
    expect(await editor.shadow.forVersion({ flowId: 'returns', version: 1 })).toBeNull();
    // Publishing the same draft again with the same report would move it off v2.
    await expect(editor.flows.publish({ id: 'returns', shadowReportId: fresh })).rejects.toMatchObject({
      cause: { code: 'shadow_report_used' },
    });
    expect((await editor.shadow.forVersion({ flowId: 'returns', version: 2 }))?.id).toBe(fresh);
    const audit = await bed.store.audit.list({});
    const publishes = audit.items.filter((entry) => entry.action === 'flow.publish');
    expect(publishes.some((entry) => entry.outcome === 'denied')).toBe(true);
    expect(
      publishes.some((entry) => (entry.details as { shadowReportId?: string }).shadowReportId === fresh),
    ).toBe(true);
  });

  it('publishes a flow that is not critical without a report, as before', async () => {
    await changeDraft('退款');
    const published = await bed.callerAs(bed.users.editor).flows.publish({ id: 'returns' });
    expect(published.version).toBe(2);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed, unfinishedGraph } from '../../testing/server-test-kit.ts';
import { createCaller } from '../_app.ts';
import { createInnerContext } from '../context.ts';
import { changeDraft, seedReturns } from './shadow-test-fixture.ts';

let bed: TestBed;

beforeEach(async () => {
  bed = await createTestBed();
  await seedReturns(bed);
});
afterEach(() => bed.close());

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
    await changeDraft(bed, '退款');
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
    await changeDraft(bed, '退款');
    await expect(editor.flows.publish({ id: 'returns' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      cause: { code: 'shadow_required' },
    });
    const runId = await finishedRun(editor);
    // The draft moves on after the run: the report no longer describes it.
    await changeDraft(bed, '发票');
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
    await changeDraft(bed, '退款');
    const published = await bed.callerAs(bed.users.editor).flows.publish({ id: 'returns' });
    expect(published.version).toBe(2);
  });
});

describe('shadow guard and publish, atomic', () => {
  it('marks flows critical in one read-modify-write each, audited once per change', async () => {
    const admin = bed.callerAs(bed.users.admin);
    await bed.store.flows.create({
      id: 'orders',
      workspaceId: 'default',
      name: 'Orders',
      draft: (await bed.store.flows.get('returns'))?.draft ?? unfinishedGraph(),
      createdBy: 'user-editor',
      now: bed.clock.now().toISOString(),
    });
    // Two admins at once, two flows: neither change is lost.
    await Promise.all([
      admin.shadow.setCritical({ flowId: 'returns', critical: true }),
      bed.callerAs(bed.users.admin).shadow.setCritical({ flowId: 'orders', critical: true }),
    ]);
    expect(await admin.shadow.guard({ flowId: 'returns' })).toEqual({ critical: true });
    expect(await admin.shadow.guard({ flowId: 'orders' })).toEqual({ critical: true });
    // Marking again changes nothing and writes no second entry.
    expect(await admin.shadow.setCritical({ flowId: 'returns', critical: true })).toEqual({
      critical: true,
      changed: false,
    });
    expect(await admin.shadow.setCritical({ flowId: 'returns', critical: false })).toEqual({
      critical: false,
      changed: true,
    });
    const entries = (await bed.store.audit.list({ action: 'flow.shadow_guard' })).items;
    expect(entries.map((entry) => [entry.target, entry.details.critical]).sort()).toEqual([
      ['flow:orders', true],
      ['flow:returns', false],
      ['flow:returns', true],
    ]);
    expect(await admin.shadow.guard({ flowId: 'orders' })).toEqual({ critical: true });
  });

  it('publishes no version when its report cannot be attached in the same transaction', async () => {
    await changeDraft(bed, '退款');
    const editor = bed.callerAs(bed.users.editor);
    const runId = await finishedRun(editor);
    // Another publish takes the report between the check and the commit.
    const store = bed.services.store;
    const racing = new Proxy(store, {
      get: (target, key, receiver) =>
        key === 'transaction'
          ? (fn: Parameters<typeof store.transaction>[0]) =>
              store.transaction(async (tx) => {
                await tx.shadowReports.attachToVersion(runId, 9);
                return fn(tx);
              })
          : (Reflect.get(target, key, receiver) as unknown),
    });
    const racingCaller = createCaller(
      createInnerContext({ services: { ...bed.services, store: racing }, user: bed.users.editor }),
    );
    await expect(racingCaller.flows.publish({ id: 'returns', shadowReportId: runId })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'shadow_report_used' },
    });
    // All rolled back: no version 2, the report still unused, and it goes with the next publish.
    expect((await bed.store.versions.latest('returns'))?.version).toBe(1);
    expect((await bed.store.shadowReports.get(runId))?.publishedVersion).toBeNull();
    expect((await editor.flows.publish({ id: 'returns', shadowReportId: runId })).version).toBe(2);
    expect((await editor.shadow.forVersion({ flowId: 'returns', version: 2 }))?.id).toBe(runId);
  });
});

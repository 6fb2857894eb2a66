import { createTicket } from '@flowdesk/desk';
import type { UserRole } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, publishableGraph, type TestBed } from '../../testing/server-test-kit.ts';
import { inDesk } from '../../tickets/ticket-actions.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(() => bed.close());

const RANGE = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

async function ticket(team: string, assignee: string | null): Promise<string> {
  const created = await inDesk(bed.services, async (scope) => {
    const result = await createTicket(
      scope,
      {
        title: '快递丢了',
        description: '快递丢了',
        channel: 'email',
        priority: 'medium',
        team,
        customerId: 'cust-1',
      },
      { actor: { kind: 'execution', id: 'exec-seed' } },
    );
    if (!result.ok) throw new Error(result.error.message.en);
    return result.value.ticket;
  });
  await bed.store.tickets.update(created.id, { team, assignee });
  return created.id;
}

async function answered(
  id: string,
  options: {
    ticketId: string;
    executionId: string | null;
    score: number;
    at: string;
    comment?: string;
    kind?: 'csat' | 'nps';
  },
): Promise<void> {
  await bed.store.surveys.create({
    id,
    workspaceId: 'default',
    tokenHash: `hash-${id}`,
    kind: options.kind ?? 'csat',
    ticketId: options.ticketId,
    customerId: 'cust-1',
    executionId: options.executionId,
    channel: 'email',
    locale: 'zh-CN',
    question: '',
    createdAt: '2026-10-01T00:00:00.000Z',
    expiresAt: '2026-12-31T00:00:00.000Z',
  });
  await bed.store.surveys.answer(id, {
    score: options.score,
    comment: options.comment ?? null,
    answeredAt: options.at,
  });
}

/**
 * Two teams, agent Li, one flow in two versions; CSAT answers 5 and 2 for
 * after-sales, 4 and 1 for technical support, one NPS pair, one low answer
 * before the range and one survey never answered.
 */
async function seedAnswers(): Promise<void> {
  const seeded = await seedDesk(bed);
  await bed.store.teams.put({
    id: 'tech',
    workspaceId: 'default',
    name: { 'zh-CN': '技术支持', en: 'Technical support' },
    skills: [],
    calendar: null,
    supervisorQueue: null,
  });
  await bed.store.tickets.update(seeded.id, { assignee: 'agent-li' });
  const t1 = seeded.id;
  const t2 = await ticket('after_sales', null);
  const t3 = await ticket('tech', 'agent-li');
  await bed.store.flows.create({
    id: 'flow-returns',
    workspaceId: 'default',
    name: '退货处理',
    draft: publishableGraph(),
    createdBy: bed.users.admin.id,
    now: '2026-10-01T00:00:00.000Z',
  });
  for (const [id, version] of [
    ['ex-1', 1],
    ['ex-2', 2],
  ] as const) {
    await bed.store.executions.create({
      id,
      flowId: 'flow-returns',
      version,
      status: 'completed',
      currentNodeId: 'end',
      state: {},
      startedAt: '2026-10-01T00:00:00.000Z',
      finishedAt: '2026-10-01T00:00:01.000Z',
    });
  }
  await answered('s1', {
    ticketId: t1,
    executionId: 'ex-1',
    score: 5,
    at: '2026-11-10T08:00:00.000Z',
    comment: '很好',
  });
  await answered('s2', {
    ticketId: t2,
    executionId: 'ex-2',
    score: 2,
    at: '2026-11-11T08:00:00.000Z',
    comment: '太慢',
  });
  await answered('s3', { ticketId: t3, executionId: 'ex-1', score: 4, at: '2026-11-12T08:00:00.000Z' });
  await answered('s4', {
    ticketId: t3,
    executionId: null,
    score: 1,
    at: '2026-11-13T08:00:00.000Z',
    comment: '没解决',
  });
  await answered('n1', {
    ticketId: t1,
    executionId: 'ex-1',
    score: 9,
    at: '2026-11-14T08:00:00.000Z',
    kind: 'nps',
  });
  await answered('n2', {
    ticketId: t2,
    executionId: 'ex-1',
    score: 5,
    at: '2026-11-14T09:00:00.000Z',
    kind: 'nps',
  });
  await answered('old', {
    ticketId: t2,
    executionId: null,
    score: 1,
    at: '2026-10-05T08:00:00.000Z',
    comment: '旧',
  });
  await bed.store.surveys.create({
    id: 'unanswered',
    workspaceId: 'default',
    tokenHash: 'hash-unanswered',
    kind: 'csat',
    ticketId: t1,
    customerId: 'cust-1',
    executionId: null,
    channel: 'email',
    locale: 'zh-CN',
    question: '',
    createdAt: '2026-11-01T00:00:00.000Z',
    expiresAt: '2026-12-31T00:00:00.000Z',
  });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; cause: { code: string; messages: { 'zh-CN': string; en: string } } };
  }
  throw new Error('expected a refusal');
}

describe('surveys.results', () => {
  it('groups CSAT answers by team: answers, share of 4–5, mean and the latest comments, with the totals', async () => {
    await seedAnswers();
    const results = await bed.callerAs(bed.users.supervisor).surveys.results({ ...RANGE, groupBy: 'team' });
    // 5, 2, 4, 1: two of four satisfied; mean 12 / 4 = 3.
    expect(results.total).toMatchObject({ answers: 4, satisfiedShare: 0.5, mean: 3, nps: null });
    expect(results.comments.map((comment) => comment.comment)).toEqual(['没解决', '太慢', '很好']);
    const byTeam = Object.fromEntries(results.groups.map((group) => [group.id ?? '', group] as const));
    expect(Object.keys(byTeam).sort()).toEqual(['after_sales', 'tech']);
    // After-sales 5 and 2: one of two, mean 3.5; technical support 4 and 1: one of two, mean 2.5.
    expect(byTeam.after_sales).toMatchObject({
      name: { 'zh-CN': '售后', en: 'After-sales' },
      summary: { answers: 2, satisfiedShare: 0.5, mean: 3.5 },
    });
    expect(byTeam.after_sales?.comments.map((comment) => comment.comment)).toEqual(['太慢', '很好']);
    expect(byTeam.after_sales?.comments[0]?.ticketNumber).toMatch(/^CS\d{8}\d+$/);
    expect(byTeam.tech).toMatchObject({ summary: { answers: 2, satisfiedShare: 0.5, mean: 2.5 } });
  });

  it('groups by agent (unassigned apart) and by the flow version that sent the survey (a person apart)', async () => {
    await seedAnswers();
    const caller = bed.callerAs(bed.users.editor).surveys;
    const byAgent = await caller.results({ ...RANGE, groupBy: 'agent' });
    // Li: 5, 4, 1 → two of three, mean 10 / 3; unassigned: 2.
    expect(byAgent.groups[0]).toMatchObject({
      id: 'agent-li',
      name: { en: '李娜' },
      summary: { answers: 3 },
    });
    expect(byAgent.groups[0]?.summary.satisfiedShare).toBeCloseTo(2 / 3);
    expect(byAgent.groups[0]?.summary.mean).toBeCloseTo(10 / 3);
    expect(byAgent.groups[1]).toMatchObject({
      id: null,
      summary: { answers: 1, satisfiedShare: 0, mean: 2 },
    });

    const byFlow = await caller.results({ ...RANGE, groupBy: 'flow' });
    const rows = byFlow.groups.map((group) => [
      group.id,
      group.version,
      group.summary.answers,
      group.summary.mean,
    ]);
    // v1: 5 and 4; v2: 2; sent by a person: 1.
    expect(rows).toEqual([
      ['flow-returns', 1, 2, 4.5],
      ['flow-returns', 2, 1, 2],
      [null, null, 1, 1],
    ]);
    expect(byFlow.groups[0]?.name).toEqual({ 'zh-CN': '退货处理', en: '退货处理' });
  });

  it('gives NPS as promoters minus detractors when asked for NPS answers', async () => {
    await seedAnswers();
    const nps = await bed
      .callerAs(bed.users.admin)
      .surveys.results({ ...RANGE, groupBy: 'flow', kind: 'nps' });
    // 9 (promoter) and 5 (detractor): 50 % − 50 % = 0; mean 7.
    expect(nps.total).toMatchObject({ answers: 2, promoterShare: 0.5, detractorShare: 0.5, nps: 0, mean: 7 });
    expect(nps.total.satisfiedShare).toBeNull();
  });

  it('says "no data" for a range without answers, never NaN', async () => {
    await seedAnswers();
    const empty = await bed.callerAs(bed.users.supervisor).surveys.results({
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-02-01T00:00:00.000Z',
      groupBy: 'agent',
    });
    expect(empty.groups).toEqual([]);
    expect(empty.comments).toEqual([]);
    expect(empty.total).toEqual({
      answers: 0,
      mean: null,
      satisfiedShare: null,
      promoterShare: null,
      detractorShare: null,
      nps: null,
    });
  });

  it('refuses a reversed or too long range with a translated error', async () => {
    const caller = bed.callerAs(bed.users.supervisor).surveys;
    const reversed = await failure(caller.results({ from: RANGE.to, to: RANGE.from, groupBy: 'team' }));
    expect(reversed.code).toBe('BAD_REQUEST');
    expect(reversed.cause.code).toBe('survey_range_reversed');
    expect(reversed.cause.messages['zh-CN']).toContain('开始日期');
    const long = await failure(
      caller.results({ from: '2024-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z', groupBy: 'team' }),
    );
    expect(long.cause.code).toBe('survey_range_too_long');
    expect(long.cause.messages.en).toContain('366 days');
    await expect(caller.results({ from: 'yesterday', to: RANGE.to, groupBy: 'team' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('is for admins, supervisors and editors', async () => {
    const roles: Record<UserRole, boolean> = {
      admin: true,
      supervisor: true,
      editor: true,
      agent: false,
      viewer: false,
    };
    for (const [role, allowed] of Object.entries(roles) as [UserRole, boolean][]) {
      const call = bed.callerAs(bed.users[role]).surveys.results({ ...RANGE, groupBy: 'team' });
      if (allowed) await expect(call).resolves.toMatchObject({ total: { answers: 0 } });
      else await expect(call).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('surveys quality review', () => {
  it('lists CSAT answers below 4 with their ticket, newest first, and counts those waiting', async () => {
    await seedAnswers();
    const supervisor = bed.callerAs(bed.users.supervisor).surveys;
    const waiting = await supervisor.qualityReview({ status: 'waiting' });
    expect(waiting.items.map((item) => [item.surveyId, item.score, item.comment])).toEqual([
      ['s4', 1, '没解决'],
      ['s2', 2, '太慢'],
      ['old', 1, '旧'],
    ]);
    expect(waiting.items[0]?.ticket).toMatchObject({
      title: '快递丢了',
      team: { en: 'Technical support' },
      assignee: '李娜',
    });
    expect(waiting.items[1]?.ticket).toMatchObject({ team: { en: 'After-sales' }, assignee: null });
    expect(await supervisor.qualityReviewCount()).toBe(3);
    const paged = await supervisor.qualityReview({ status: 'waiting', limit: 2 });
    const next = await supervisor.qualityReview({ status: 'waiting', limit: 2, cursor: paged.nextCursor });
    expect(next.items.map((item) => item.surveyId)).toEqual(['old']);
  });

  it('marks an answer reviewed once with a note, audited; a second time is a conflict and changes nothing', async () => {
    await seedAnswers();
    const supervisor = bed.callerAs(bed.users.supervisor).surveys;
    bed.clock.advance(60_000);
    const marked = await supervisor.markReviewed({ id: 's2', note: '  已回访，补发优惠券  ' });
    expect(marked).toMatchObject({
      id: 's2',
      reviewNote: '已回访，补发优惠券',
      reviewedAt: '2026-11-22T08:01:00.000Z',
    });
    expect(await supervisor.qualityReviewCount()).toBe(2);
    const reviewed = await supervisor.qualityReview({ status: 'reviewed' });
    expect(reviewed.items).toEqual([
      expect.objectContaining({
        surveyId: 's2',
        reviewedBy: 'The supervisor',
        reviewNote: '已回访，补发优惠券',
      }),
    ]);
    const audit = await bed.store.audit.list({ action: 'survey.reviewed' });
    expect(audit.items).toEqual([
      expect.objectContaining({
        target: 's2',
        actor: expect.objectContaining({ id: bed.users.supervisor.id }),
      }),
    ]);

    const again = await failure(bed.callerAs(bed.users.admin).surveys.markReviewed({ id: 's2', note: 'x' }));
    expect(again.code).toBe('CONFLICT');
    expect(again.cause.code).toBe('survey_already_reviewed');
    expect(again.cause.messages.en).toContain('The supervisor');
    expect(again.cause.messages['zh-CN']).toContain('已由');
    expect(await bed.store.surveys.get('s2')).toMatchObject({ reviewNote: '已回访，补发优惠券' });

    const high = await failure(supervisor.markReviewed({ id: 's1' }));
    expect(high).toMatchObject({ code: 'PRECONDITION_FAILED', cause: { code: 'survey_not_in_review' } });
    const unknown = await failure(supervisor.markReviewed({ id: 'nope' }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', cause: { code: 'survey_not_found' } });
    await expect(supervisor.markReviewed({ id: 's4', note: 'x'.repeat(2001) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await bed.store.surveys.get('s4')).toMatchObject({ reviewedAt: null });
  });

  it('is for supervisors and admins only', async () => {
    await seedAnswers();
    for (const role of ['editor', 'agent', 'viewer'] as const) {
      const caller = bed.callerAs(bed.users[role]).surveys;
      await expect(caller.qualityReview()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.qualityReviewCount()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.markReviewed({ id: 's2' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await bed.callerAs(bed.users.admin).surveys.qualityReviewCount()).toBe(3);
    expect(await bed.store.surveys.get('s2')).toMatchObject({ reviewedAt: null });
  });
});

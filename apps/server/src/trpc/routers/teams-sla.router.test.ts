import { createTicket } from '@flowdesk/desk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { zodIssueDetails } from '../../http/zod-details.ts';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { inDesk } from '../../tickets/ticket-actions.ts';

/**
 * Teams and SLA policies as the Settings screens manage them: deleting, the
 * audit trail, and a policy's own calendar with make-up workdays (调休) as the
 * SLA clock's first choice.
 */

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

const NAME = { 'zh-CN': '售后', en: 'After-sales' };
/** Weekdays 09:00–18:00 in Shanghai; Saturday 28 November 2026 is worked, Wednesday 25 is off. */
const OFFICE_WITH_MAKE_UP_DAY = {
  timezone: 'Asia/Shanghai',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, from: '09:00', to: '18:00' }].map(
    (slot) => ({
      ...slot,
      days: [...slot.days],
    }),
  ),
  holidays: ['2026-11-25'],
  workdays: ['2026-11-28'],
};

async function openTicket(team: string | null, priority: 'urgent' | 'medium' = 'urgent') {
  return inDesk(bed.services, async (scope) => {
    const result = await createTicket(
      scope,
      { title: '订单未发货', description: '订单未发货', channel: 'email', priority, team },
      { actor: { kind: 'execution', id: 'exec-test' } },
    );
    if (!result.ok) throw new Error(result.error.message.en);
    return result.value.ticket;
  });
}

describe('teams.delete', () => {
  it('refuses a team that agents or open tickets still use, with a translated conflict, and deletes it after', async () => {
    const admin = bed.callerAs(bed.users.admin).teams;
    await admin.save({ id: 'after_sales', name: NAME });
    await admin.createAgent({ id: 'agent-li', name: '李娜', teams: ['after_sales'], capacity: 3 });
    await expect(admin.delete({ id: 'after_sales' })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: {
        code: 'team_in_use',
        messages: {
          en: 'Team "after_sales" is still in use (1 agent(s), 0 open ticket(s)); move them to another team first',
          'zh-CN': '团队「after_sales」仍在使用中（1 名坐席、0 个未完成工单），请先移出坐席并转走工单',
        },
      },
    });

    await admin.updateAgent({ id: 'agent-li', teams: [] });
    const ticket = await openTicket('after_sales', 'medium');
    await expect(admin.delete({ id: 'after_sales' })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { messages: { en: expect.stringContaining('0 agent(s), 1 open ticket(s)') } },
    });
    expect(await admin.list()).toHaveLength(1);

    await bed.store.tickets.update(ticket.id, { status: 'closed' });
    expect(await admin.delete({ id: 'after_sales' })).toEqual({ id: 'after_sales' });
    expect(await admin.list()).toEqual([]);
    await expect(admin.delete({ id: 'after_sales' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const entries = (await bed.callerAs(bed.users.admin).audit.list()).items.filter((entry) =>
      entry.action.startsWith('team.'),
    );
    expect(entries.map((entry) => [entry.action, entry.outcome])).toEqual([
      ['team.delete', 'success'],
      ['team.delete', 'failure'],
      ['team.delete', 'failure'],
      ['team.save', 'success'],
    ]);
  });

  it('refuses a team that another team escalates into, naming that team, and deletes it once that changes', async () => {
    const admin = bed.callerAs(bed.users.admin).teams;
    await admin.save({ id: 'escalation_desk', name: NAME });
    await admin.save({ id: 'after_sales', name: NAME, supervisorQueue: 'escalation_desk' });
    await expect(admin.delete({ id: 'escalation_desk' })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: {
        code: 'team_is_escalation_queue',
        messages: { en: expect.stringContaining('the escalation queue of after_sales') },
      },
    });
    expect(await admin.list()).toHaveLength(2);
    await admin.save({ id: 'after_sales', name: NAME, supervisorQueue: null });
    expect(await admin.delete({ id: 'escalation_desk' })).toEqual({ id: 'escalation_desk' });
  });

  it('refuses a team a published flow assigns or escalates to, naming those flows in both languages, until they change', async () => {
    const admin = bed.callerAs(bed.users.admin).teams;
    await admin.save({ id: 'after_sales', name: NAME });
    const now = bed.clock.now().toISOString();
    const settings = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };
    const graphNaming = (queue: string) => ({
      nodes: [
        { id: 'start', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } },
        { id: 'up', type: 'action.escalate', config: { queue, reason: 'vip' }, position: { x: 0, y: 80 } },
      ],
      edges: [{ id: 'e1', source: 'start', sourcePort: 'next', target: 'up' }],
      settings,
    });
    await bed.store.flows.create({
      id: 'returns',
      workspaceId: 'default',
      name: 'Returns',
      localizedName: { 'zh-CN': '退货处理', en: 'Returns' },
      draft: graphNaming('after_sales'),
      createdBy: 'u1',
      now,
    });
    // Only a draft names it: nothing runs a draft, so it does not hold the team.
    await bed.store.flows.create({
      id: 'sketch',
      workspaceId: 'default',
      name: 'Sketch',
      draft: graphNaming('after_sales'),
      createdBy: 'u1',
      now,
    });
    await bed.store.versions.publish('returns', graphNaming('after_sales'), 'v1', 'u1', now);

    const refused = await admin.delete({ id: 'after_sales' }).catch((caught) => caught);
    expect(refused).toMatchObject({ code: 'CONFLICT', cause: { code: 'team_named_by_flows' } });
    expect(refused.cause.messages).toEqual({
      'zh-CN':
        '团队「after_sales」仍被已发布的流程「退货处理」的步骤使用，请先在这些流程中改选团队并重新发布',
      en: 'Team "after_sales" is named by steps of the published flow(s) "Returns"; choose another team in those flows and publish them first',
    });
    expect(await admin.list()).toHaveLength(1);
    // Switched off, it still holds the team: its executions in flight run on that version.
    await bed.store.flows.setEnabled('returns', false);
    await expect(admin.delete({ id: 'after_sales' })).rejects.toMatchObject({
      cause: { code: 'team_named_by_flows' },
    });
    const audit = (await bed.callerAs(bed.users.admin).audit.list()).items.find(
      (entry) => entry.action === 'team.delete',
    );
    expect(audit).toMatchObject({ outcome: 'failure' });

    // An execution waits on v1: it would resume into the missing team, so v2 alone does not free it.
    const waiting = await bed.store.executions.create({
      id: 'ex-waiting-on-v1',
      flowId: 'returns',
      version: 1,
      status: 'waiting',
      currentNodeId: 'up',
      state: {},
      startedAt: now,
    });
    await bed.store.versions.publish('returns', graphNaming('supervisor'), 'v2', 'u1', now);
    const pinned = await admin.delete({ id: 'after_sales' }).catch((caught) => caught);
    expect(pinned).toMatchObject({ code: 'CONFLICT', cause: { code: 'team_named_by_running_versions' } });
    expect(pinned.cause.messages.en).toContain('"Returns" v1');
    expect(pinned.cause.messages['zh-CN']).toContain('「退货处理」v1');

    // Once nothing runs on v1, the new version escalating to the supervisors frees the team.
    const cancelled = await bed.store.executions.save(
      waiting.id,
      { state: {}, status: 'cancelled', currentNodeId: null, updatedAt: now, finishedAt: now },
      waiting.revision,
    );
    expect(cancelled.ok).toBe(true);
    expect(await admin.delete({ id: 'after_sales' })).toEqual({ id: 'after_sales' });
  });

  it('is for admins only', async () => {
    await bed.callerAs(bed.users.admin).teams.save({ id: 'tech', name: NAME });
    for (const role of ['editor', 'supervisor', 'agent', 'viewer'] as const) {
      await expect(bed.callerAs(bed.users[role]).teams.delete({ id: 'tech' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(bed.callerAs(bed.users[role]).teams.deleteSlaPolicy({ id: 'tech' })).rejects.toMatchObject(
        { code: 'FORBIDDEN' },
      );
    }
    expect(await bed.callerAs(bed.users.viewer).teams.list()).toHaveLength(1);
  });
});

describe('teams.categories', () => {
  it('offers the categories of the live Classify steps to every reader, for the policy form', async () => {
    expect(await bed.callerAs(bed.users.viewer).teams.categories()).toEqual([]);
    await bed.callerAs(bed.users.admin).templates.install({ id: 'retail', publish: true });
    const categories = await bed.callerAs(bed.users.viewer).teams.categories();
    expect(categories.length).toBeGreaterThan(1);
    expect(categories[0]).toMatchObject({ id: expect.any(String), name: { en: expect.any(String) } });
    // Named in each language, so the policy form reads in English for an English admin.
    expect(categories.find((category) => category.id === 'order_status')?.name).toEqual({
      'zh-CN': '订单与物流',
      en: 'Order status and shipping',
    });
  });
});

describe('SLA policies with their own calendar', () => {
  it('saves, lists in order and deletes policies, audited', async () => {
    const admin = bed.callerAs(bed.users.admin).teams;
    await admin.saveSlaPolicy({
      id: 'normal',
      name: 'Normal',
      firstResponseMinutes: 240,
      resolutionMinutes: 1440,
      order: 20,
    });
    await admin.saveSlaPolicy({
      id: 'urgent',
      name: 'Urgent',
      match: { priorities: ['urgent'] },
      firstResponseMinutes: 60,
      resolutionMinutes: 480,
      order: 10,
      calendar: OFFICE_WITH_MAKE_UP_DAY,
    });
    const viewer = bed.callerAs(bed.users.viewer).teams;
    expect(await viewer.listSlaPolicies()).toMatchObject([
      { id: 'urgent', calendar: OFFICE_WITH_MAKE_UP_DAY },
      { id: 'normal', calendar: null },
    ]);
    expect(await admin.deleteSlaPolicy({ id: 'normal' })).toEqual({ id: 'normal' });
    await expect(admin.deleteSlaPolicy({ id: 'normal' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { code: 'sla_policy_not_found', messages: { en: 'SLA policy "normal" does not exist' } },
    });
    expect((await viewer.listSlaPolicies()).map((policy) => policy.id)).toEqual(['urgent']);
    const entries = (await bed.callerAs(bed.users.admin).audit.list()).items.filter((entry) =>
      entry.action.startsWith('sla_policy.'),
    );
    expect(entries.map((entry) => [entry.action, entry.target])).toEqual([
      ['sla_policy.delete', 'sla_policy:normal'],
      ['sla_policy.save', 'sla_policy:urgent'],
      ['sla_policy.save', 'sla_policy:normal'],
    ]);
    expect(entries[1]?.details).toMatchObject({ ownCalendar: true, firstResponseMinutes: 60 });
  });

  it('refuses a make-up workday that is also a holiday, naming the date, and saves nothing', async () => {
    const admin = bed.callerAs(bed.users.admin).teams;
    const bad = { ...OFFICE_WITH_MAKE_UP_DAY, workdays: ['2026-11-25'] };
    const input = { id: 'p', name: 'P', firstResponseMinutes: 60, resolutionMinutes: 120, calendar: bad };
    const refused = await admin.saveSlaPolicy(input).then(
      () => null,
      (error: { code: string; cause: z.ZodError }) => error,
    );
    expect(refused?.code).toBe('BAD_REQUEST');
    // What the client reads (the tRPC error formatter words it the same way).
    expect(zodIssueDetails(refused?.cause.issues ?? [], input)).toMatchObject([
      {
        pointer: '/calendar/workdays/0',
        messages: {
          en: '/calendar/workdays/0 2026-11-25 is both a holiday and a make-up workday; it can only be one of them',
          'zh-CN': expect.stringContaining('同时是节假日和调休工作日'),
        },
      },
    ]);
    await expect(admin.save({ id: 'x', name: NAME, calendar: bad })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await admin.listSlaPolicies()).toEqual([]);
    expect(await admin.list()).toEqual([]);
  });

  it('counts a ticket created Friday evening into the Saturday make-up day (policy calendar before team calendar)', async () => {
    const admin = bed.callerAs(bed.users.admin).teams;
    // The team counts every minute; the urgent policy has office hours with the make-up Saturday.
    await admin.save({ id: 'after_sales', name: NAME, calendar: null });
    await admin.saveSlaPolicy({
      id: 'urgent',
      name: 'Urgent',
      match: { priorities: ['urgent'] },
      firstResponseMinutes: 60,
      resolutionMinutes: 240,
      calendar: OFFICE_WITH_MAKE_UP_DAY,
    });
    // Friday 27 November 2026, 19:00 in Shanghai: closed until the make-up Saturday opens at 09:00.
    bed.clock.current = new Date('2026-11-27T11:00:00.000Z');
    const ticket = await openTicket('after_sales');
    expect(ticket).toMatchObject({
      slaPolicyId: 'urgent',
      firstResponseDueAt: '2026-11-28T02:00:00.000Z', // Saturday 10:00
      resolutionDueAt: '2026-11-28T05:00:00.000Z', // Saturday 13:00
    });

    // Without its own calendar the policy counts in the team's (here: every minute).
    await admin.saveSlaPolicy({
      id: 'urgent',
      name: 'Urgent',
      match: { priorities: ['urgent'] },
      firstResponseMinutes: 60,
      resolutionMinutes: 240,
    });
    expect((await openTicket('after_sales')).firstResponseDueAt).toBe('2026-11-27T12:00:00.000Z');
  });
});

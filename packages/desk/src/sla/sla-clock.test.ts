import type { Calendar } from '@flowdesk/model';
import type { Job, SlaPolicy } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AGENT_ACTOR,
  type DeskHarness,
  FLOW_ACTOR,
  openHarness,
  team,
  value,
} from '../testing/desk-test-kit.ts';
import { createTicket } from '../tickets/ticket-create.ts';
import { TICKET_EVENT_JOB } from '../tickets/ticket-events.ts';
import { changeTicketStatus } from '../tickets/ticket-lifecycle.ts';
import { recordCustomerReply } from '../tickets/ticket-update.ts';
import { SLA_BREACH_JOB, SLA_WARNING_JOB } from './sla-clock.ts';
import { handleSlaJob, listOverdue } from './sla-jobs.ts';

const OFFICE: Calendar = {
  timezone: 'Asia/Shanghai',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
  holidays: ['2026-11-25'],
  workdays: [],
};

function policy(id: string, order: number, extra: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    id,
    workspaceId: 'default',
    name: id,
    match: {},
    firstResponseMinutes: 120,
    resolutionMinutes: 480,
    warnAtShare: 0.8,
    order,
    calendar: null,
    ...extra,
  };
}

let desk: DeskHarness;
beforeEach(async () => {
  // Monday 23 November 2026, 17:00 in Shanghai.
  desk = await openHarness('2026-11-23T09:00:00.000Z');
  await desk.store.teams.put(team('office', { calendar: OFFICE }));
  await desk.store.slaPolicies.put(policy('vip', 1, { match: { minVipLevel: 1 }, firstResponseMinutes: 30 }));
  await desk.store.slaPolicies.put(policy('urgent', 2, { match: { priorities: ['urgent'] } }));
  await desk.store.slaPolicies.put(policy('normal', 3, { firstResponseMinutes: 60, resolutionMinutes: 240 }));
});
afterEach(async () => {
  await desk.close();
});

async function open(priority: 'urgent' | 'medium', teamId: string | null = 'office') {
  const created = await desk.run((scope) =>
    createTicket(
      scope,
      { title: 't', description: '', channel: 'chat', priority, team: teamId },
      { actor: FLOW_ACTOR },
    ),
  );
  return value(created).ticket;
}

const pending = async (kind: string): Promise<Job[]> => desk.store.jobs.list({ kind, status: 'pending' });

describe('sla due times', () => {
  it('picks the first matching policy and counts the team’s business hours', async () => {
    const ticket = await open('urgent');
    expect(ticket).toMatchObject({
      slaPolicyId: 'urgent',
      slaState: 'running',
      // 60 min on Monday, then 60 on Tuesday: 10:00 Shanghai.
      firstResponseDueAt: '2026-11-24T02:00:00.000Z',
      // 60 min on Monday, then 420 on Tuesday: 16:00 Shanghai.
      resolutionDueAt: '2026-11-24T08:00:00.000Z',
    });
    const customerId = 'vip-1';
    await desk.store.customers.create({
      id: customerId,
      workspaceId: 'default',
      vipLevel: 2,
      identities: [],
      now: desk.clock.now().toISOString(),
    });
    const vip = value(
      await desk.run((scope) =>
        createTicket(
          scope,
          { title: 'v', description: '', channel: 'chat', priority: 'auto', customerId, team: null },
          { actor: FLOW_ACTOR },
        ),
      ),
    ).ticket;
    expect(vip).toMatchObject({
      slaPolicyId: 'vip',
      priority: 'high',
      firstResponseDueAt: '2026-11-23T09:30:00.000Z',
    });
  });

  it('counts in the policy’s own calendar before the team’s, make-up workdays included', async () => {
    // The urgent policy keeps its own hours: weekdays 09:00–18:00 and Saturday 28 November worked (调休).
    const ownHours = { ...OFFICE, holidays: [], workdays: ['2026-11-28'] };
    await desk.store.slaPolicies.put(
      policy('urgent', 2, { match: { priorities: ['urgent'] }, calendar: ownHours }),
    );
    desk.clock.set('2026-11-27T09:00:00.000Z'); // Friday 17:00 in Shanghai
    const ticket = await open('urgent');
    // 60 min on Friday, then the make-up Saturday from 09:00: Saturday 10:00 Shanghai, not Monday.
    expect(ticket.firstResponseDueAt).toBe('2026-11-28T02:00:00.000Z');
    // The normal policy still counts in the team's calendar, without the Saturday: 240 min end Monday 12:00.
    const normal = await open('medium');
    expect(normal).toMatchObject({ slaPolicyId: 'normal', resolutionDueAt: '2026-11-30T04:00:00.000Z' });
  });

  it('schedules a warning at 80% of each target and a breach at its due time', async () => {
    const ticket = await open('urgent');
    const warnings = await pending(SLA_WARNING_JOB);
    const breaches = await pending(SLA_BREACH_JOB);
    // 96 business minutes after Monday 17:00: Tuesday 09:36 Shanghai.
    expect(warnings.find((job) => job.payload.target === 'first_response')?.runAt).toBe(
      '2026-11-24T01:36:00.000Z',
    );
    expect(breaches.map((job) => job.runAt).sort()).toEqual([
      ticket.firstResponseDueAt,
      ticket.resolutionDueAt,
    ]);
  });

  it('pauses while waiting for the customer and moves the due time by the business time left', async () => {
    const ticket = await open('urgent');
    desk.clock.set('2026-11-23T09:30:00.000Z'); // Monday 17:30: 450 business minutes left.
    value(
      await desk.run((scope) => changeTicketStatus(scope, ticket.id, 'in_progress', { actor: AGENT_ACTOR })),
    );
    const waiting = value(
      await desk.run((scope) =>
        changeTicketStatus(scope, ticket.id, 'waiting_for_customer', { actor: AGENT_ACTOR }),
      ),
    );
    expect(waiting).toMatchObject({
      slaState: 'paused',
      pausedAt: '2026-11-23T09:30:00.000Z',
      firstRespondedAt: '2026-11-23T09:30:00.000Z',
    });
    expect(await pending(SLA_BREACH_JOB)).toEqual([]);
    expect(
      await listOverdue(desk.store, { ...desk.deps, clock: { now: () => new Date('2026-11-30T00:00:00Z') } }),
    ).toEqual([]);

    desk.clock.set('2026-11-25T02:00:00.000Z'); // Wednesday 10:00, a holiday.
    const resumed = value(
      await desk.run((scope) => recordCustomerReply(scope, ticket.id, '补充了订单号', FLOW_ACTOR)),
    );
    expect(resumed).toMatchObject({
      status: 'in_progress',
      slaState: 'running',
      pausedAt: null,
      // Monday 09:30 to Wednesday 02:00 UTC, as wall-clock time.
      pausedMs: 40.5 * 3_600_000,
      // 450 minutes from Thursday 09:00: 16:30 Shanghai.
      resolutionDueAt: '2026-11-26T08:30:00.000Z',
    });
    const breaches = await pending(SLA_BREACH_JOB);
    expect(breaches.map((job) => [job.payload.target, job.runAt])).toEqual([
      ['resolution', '2026-11-26T08:30:00.000Z'],
    ]);
  });
});

describe('sla jobs', () => {
  it('emits a breach when due, and ignores jobs made stale by a reschedule or a resolution', async () => {
    const ticket = await open('medium', null);
    const [staleWarning] = (await pending(SLA_WARNING_JOB)).filter(
      (job) => job.payload.target === 'resolution',
    );
    const [breach] = (await pending(SLA_BREACH_JOB)).filter((job) => job.payload.target === 'first_response');
    if (!staleWarning || !breach) throw new Error('jobs missing');

    desk.clock.set(breach.runAt);
    const breached = await desk.run(({ tx }) => handleSlaJob(tx, breach, desk.deps));
    expect(breached).toMatchObject({
      outcome: 'emitted',
      event: 'sla_breached',
      ticket: { slaState: 'breached' },
    });
    const events = await desk.store.jobs.list({ kind: TICKET_EVENT_JOB });
    expect(events.at(-1)?.payload).toMatchObject({
      event: 'sla_breached',
      target: 'first_response',
      ticketId: ticket.id,
    });
    expect((await listOverdue(desk.store, desk.deps)).map((overdue) => overdue.id)).toEqual([ticket.id]);

    // The agent answers: first response met, jobs rescheduled under a new revision.
    value(
      await desk.run((scope) => changeTicketStatus(scope, ticket.id, 'in_progress', { actor: AGENT_ACTOR })),
    );
    value(
      await desk.run((scope) =>
        changeTicketStatus(scope, ticket.id, 'waiting_for_customer', { actor: AGENT_ACTOR }),
      ),
    );
    value(await desk.run((scope) => recordCustomerReply(scope, ticket.id, '好的', FLOW_ACTOR)));
    expect(await desk.run(({ tx }) => handleSlaJob(tx, staleWarning, desk.deps))).toEqual({
      outcome: 'stale',
      reason: 'rescheduled',
    });

    const [current] = (await pending(SLA_WARNING_JOB)).filter((job) => job.payload.target === 'resolution');
    if (!current) throw new Error('no current warning');
    value(
      await desk.run((scope) =>
        changeTicketStatus(scope, ticket.id, 'resolved', { actor: AGENT_ACTOR, solution: '已处理' }),
      ),
    );
    expect(await pending(SLA_WARNING_JOB)).toEqual([]);
    expect(await desk.run(({ tx }) => handleSlaJob(tx, current, desk.deps))).toMatchObject({
      outcome: 'stale',
    });
    expect((await desk.store.tickets.get(ticket.id))?.slaState).toBe('breached');
  });

  it('emits a warning while the target is still open', async () => {
    await open('medium', null);
    const [warning] = (await pending(SLA_WARNING_JOB)).filter((job) => job.payload.target === 'resolution');
    if (!warning) throw new Error('no warning');
    desk.clock.set(warning.runAt);
    expect(await desk.run(({ tx }) => handleSlaJob(tx, warning, desk.deps))).toMatchObject({
      outcome: 'emitted',
      event: 'sla_warning',
      ticket: { slaState: 'warning' },
    });
    // Nobody works a ticket without team or assignee yet: no inbox to write to.
    expect(await desk.store.inAppMessages.listFor('team', 'office')).toEqual([]);
  });

  it("puts the warning in the team's inbox, linked to the ticket, once per job", async () => {
    const ticket = await open('medium');
    const [warning] = (await pending(SLA_WARNING_JOB)).filter(
      (job) => job.payload.target === 'first_response',
    );
    if (!warning) throw new Error('no warning');
    desk.clock.set(warning.runAt);
    await desk.run(({ tx }) => handleSlaJob(tx, warning, desk.deps));
    await desk.run(({ tx }) => handleSlaJob(tx, warning, desk.deps));
    const inbox = await desk.store.inAppMessages.listFor('team', 'office');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ ticketId: ticket.id, subject: ticket.number });
    expect(inbox[0]?.body).toContain('first response');
  });
});

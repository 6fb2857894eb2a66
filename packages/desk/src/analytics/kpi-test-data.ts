import type { Calendar } from '@flowdesk/model';
import type { KpiContext, KpiDataset, KpiHistoryEntry, KpiSurvey, KpiTicket } from './kpi-records.ts';

/**
 * The crafted week the KPI tests compute by hand (docs/kpis.md walks through
 * it): Monday 2 March 2026 00:00 UTC to Monday 9 March, evaluated on 20 March.
 * Team `billing` works weekdays 09:00–18:00 UTC; other teams have no calendar.
 */

export const BILLING_HOURS: Calendar = {
  timezone: 'UTC',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
  holidays: [],
  workdays: [],
};

export const WEEK: KpiContext = {
  period: { from: Date.parse('2026-03-02T00:00:00Z'), to: Date.parse('2026-03-09T00:00:00Z') },
  now: Date.parse('2026-03-20T00:00:00Z'),
  calendarOf: (team) => (team === 'billing' ? BILLING_HOURS : null),
};

export function ticket(id: string, fields: Partial<KpiTicket> & { createdAt: string }): KpiTicket {
  return {
    id,
    number: `CS20260302${id.replace(/\D/g, '').padStart(4, '0')}`,
    channel: 'chat',
    category: null,
    team: null,
    assignee: null,
    customerId: null,
    status: 'new',
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    slaPolicyId: null,
    slaState: 'none',
    createdByKey: null,
    ...fields,
  };
}

const flow = (ticketId: string) => ({ kind: 'execution' as const, id: `exec-${ticketId}` });
const user = (id: string) => ({ kind: 'user' as const, id });
const system = { kind: 'system' as const, id: 'desk' };

export function entry(
  ticketId: string,
  at: string,
  actor: KpiHistoryEntry['actor'],
  field: string,
  to: KpiHistoryEntry['to'],
): KpiHistoryEntry {
  return { ticketId, at, actor, field, from: null, to };
}

const tickets: KpiTicket[] = [
  // T1: a flow answers and resolves a billing question in 10 minutes; the customer comes back on it on Thursday (T4).
  ticket('t1', {
    createdAt: '2026-03-02T09:00:00Z',
    channel: 'chat',
    category: 'billing',
    team: 'billing',
    customerId: 'c1',
    status: 'resolved',
    firstRespondedAt: '2026-03-02T09:05:00Z',
    resolvedAt: '2026-03-02T09:10:00Z',
    createdByKey: 'exec-t1:create:1',
  }),
  // T2: a flow files it for support; agent a1 claims, answers, resolves; it is reopened and resolved again.
  ticket('t2', {
    createdAt: '2026-03-02T10:00:00Z',
    channel: 'email',
    category: 'shipping',
    team: 'support',
    assignee: 'a1',
    customerId: 'c2',
    status: 'resolved',
    firstRespondedAt: '2026-03-02T11:30:00Z',
    resolvedAt: '2026-03-03T09:30:00Z',
    slaPolicyId: 'p1',
    slaState: 'met',
    createdByKey: 'exec-t2:create:1',
  }),
  // T3: made by a person on the phone; its SLA breaks; waiting for the customer at the week's end.
  ticket('t3', {
    createdAt: '2026-03-03T08:00:00Z',
    channel: 'phone',
    category: 'billing',
    team: 'billing',
    assignee: 'a2',
    customerId: 'c3',
    status: 'waiting_for_customer',
    firstRespondedAt: '2026-03-03T10:00:00Z',
    slaPolicyId: 'p1',
    slaState: 'breached',
  }),
  // T4: c1 again on billing (a second contact for T1); the flow was unsure and left it in the billing queue.
  ticket('t4', {
    createdAt: '2026-03-05T14:00:00Z',
    channel: 'wechat',
    category: 'billing',
    team: 'billing',
    customerId: 'c1',
    createdByKey: 'exec-t4:create:1',
  }),
  // T5: a flow resolves it in a minute, within its SLA; no category.
  ticket('t5', {
    createdAt: '2026-03-06T09:00:00Z',
    channel: 'chat',
    customerId: 'c4',
    status: 'resolved',
    firstRespondedAt: '2026-03-06T09:01:00Z',
    resolvedAt: '2026-03-06T09:01:00Z',
    slaPolicyId: 'p1',
    slaState: 'met',
    createdByKey: 'exec-t5:create:1',
  }),
  // T6: opened the Friday before by a person, resolved by a1 on Wednesday after an hour's work.
  ticket('t6', {
    createdAt: '2026-02-20T10:00:00Z',
    channel: 'email',
    category: 'shipping',
    team: 'billing',
    assignee: 'a1',
    customerId: 'c5',
    status: 'resolved',
    resolvedAt: '2026-03-04T10:00:00Z',
  }),
];

const history: KpiHistoryEntry[] = [
  entry('t1', '2026-03-02T09:00:00Z', flow('t1'), 'status', 'new'),
  entry('t1', '2026-03-02T09:10:00Z', flow('t1'), 'status', 'resolved'),
  entry('t2', '2026-03-02T10:00:00Z', flow('t2'), 'status', 'new'),
  entry('t2', '2026-03-02T11:00:00Z', user('u1'), 'assignee', 'a1'),
  entry('t2', '2026-03-02T11:00:00Z', user('u1'), 'status', 'assigned'),
  entry('t2', '2026-03-02T11:20:00Z', user('u1'), 'status', 'in_progress'),
  entry('t2', '2026-03-02T12:00:00Z', user('u1'), 'status', 'resolved'),
  entry('t2', '2026-03-03T09:00:00Z', system, 'status', 'in_progress'),
  entry('t2', '2026-03-03T09:30:00Z', user('u1'), 'status', 'resolved'),
  entry('t3', '2026-03-03T08:00:00Z', user('u2'), 'status', 'new'),
  entry('t3', '2026-03-03T09:00:00Z', user('u2'), 'assignee', 'a2'),
  entry('t3', '2026-03-03T09:00:00Z', user('u2'), 'status', 'assigned'),
  entry('t3', '2026-03-03T10:00:00Z', user('u2'), 'status', 'waiting_for_customer'),
  entry('t3', '2026-03-03T12:00:00Z', system, 'slaState', 'breached'),
  entry('t4', '2026-03-05T14:00:00Z', flow('t4'), 'status', 'new'),
  entry('t5', '2026-03-06T09:00:00Z', flow('t5'), 'status', 'new'),
  entry('t5', '2026-03-06T09:01:00Z', flow('t5'), 'status', 'resolved'),
  entry('t6', '2026-02-20T10:00:00Z', user('u3'), 'status', 'new'),
  entry('t6', '2026-03-04T09:00:00Z', user('u1'), 'assignee', 'a1'),
  entry('t6', '2026-03-04T09:00:00Z', user('u1'), 'status', 'in_progress'),
  entry('t6', '2026-03-04T10:00:00Z', user('u1'), 'status', 'resolved'),
];

const survey = (ticketId: string, kind: 'csat' | 'nps', score: number, answeredAt: string): KpiSurvey => ({
  ticketId,
  kind,
  score,
  answeredAt,
});

const surveys: KpiSurvey[] = [
  survey('t1', 'csat', 5, '2026-03-02T10:00:00Z'),
  survey('t2', 'csat', 3, '2026-03-03T10:00:00Z'),
  survey('t6', 'csat', 4, '2026-03-05T10:00:00Z'),
  // Answered after the week: not in it.
  survey('t5', 'csat', 2, '2026-03-10T10:00:00Z'),
  survey('t1', 'nps', 10, '2026-03-02T10:00:00Z'),
  survey('t2', 'nps', 6, '2026-03-03T10:00:00Z'),
  survey('t5', 'nps', 8, '2026-03-06T10:00:00Z'),
  survey('t6', 'nps', 9, '2026-03-05T10:00:00Z'),
  // Sent, never answered.
  { ticketId: 't3', kind: 'csat', score: null, answeredAt: null },
];

export const CRAFTED_WEEK: KpiDataset = {
  tickets,
  history,
  surveys,
  handoffReasons: new Map([
    ['t2', 'rule'],
    ['t4', 'low_confidence'],
  ]),
};

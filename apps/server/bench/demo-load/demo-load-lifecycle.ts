import type { JsonValue, Ticket, TicketActor, TicketHistoryEntry } from '@flowdesk/store';
import { DAY_MS, HOUR_MS, type SeededRandom } from './demo-load-random.ts';

/**
 * What agents and customers did with a ticket after the flow made it, up to
 * `now`: the first answer, work, a follow-up from the customer, resolution,
 * closing three days later, a reopen now and then, SLA breaches when the
 * answer came after the due time. Each change is written as the desk's
 * applyTicketChange writes it: the new ticket and one history entry per
 * tracked field that changed, with who did it.
 */

const MINUTE_MS = 60_000;

export interface Lifecycle {
  ticket: Ticket;
  history: TicketHistoryEntry[];
  /** The agent's answer and the customer's follow-up, for the conversation of a chat ticket. */
  messages: Array<{ atMs: number; author: 'customer' | 'agent'; body: string }>;
  resolvedMs: number | null;
  reopened: boolean;
}

const REPLIES = [
  '您好，已为您查询，包裹预计明天送达。',
  '您好，退货申请已通过，请按面单寄回。',
  '工程师已安排上门，请保持电话畅通。',
  'Hello, your refund has been issued and should arrive within 3 working days.',
  '已为您补发配件，单号稍后短信通知。',
];
const FOLLOW_UPS = [
  '好的，谢谢',
  '还没有收到，麻烦再看一下',
  'Thanks, that helps.',
  '请尽快处理，急用',
  '已寄出，单号 SF1234567890',
];
const SOLUTIONS = ['已补发', '已退款', '上门维修完成', '已解释政策', '已更换配件', 'Refund issued'];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function liveLifecycle(
  random: SeededRandom,
  created: Ticket,
  agentsOfTeam: (team: string | null) => readonly string[],
  nowMs: number,
): Lifecycle {
  let ticket = created;
  const history: TicketHistoryEntry[] = [];
  const messages: Lifecycle['messages'] = [];
  const change = (atMs: number, actor: TicketActor, patch: Partial<Ticket>, note: string | null = null) => {
    if (atMs > nowMs) return false;
    const at = iso(atMs);
    for (const [field, to] of Object.entries(patch)) {
      const from = (ticket as unknown as Record<string, JsonValue>)[field] ?? null;
      if (JSON.stringify(from) === JSON.stringify(to) || field === 'updatedAt') continue;
      if (TRACKED.has(field))
        history.push({ ticketId: ticket.id, at, actor, field, from, to: to as JsonValue, note });
    }
    ticket = { ...ticket, ...patch, updatedAt: at };
    return true;
  };

  const createdMs = Date.parse(created.createdAt);
  const agents = agentsOfTeam(created.team);
  const agent = created.assignee ?? (agents.length > 0 ? random.pick(agents) : null);
  const person: TicketActor = { kind: 'user', id: agent ?? 'supervisor' };
  const urgent = created.priority === 'urgent' || created.priority === 'high' || created.vipLevel > 0;

  // First answer: minutes for urgent or VIP tickets, longer at night (the log-normal's tail makes the breaches).
  const firstMs = createdMs + random.logNormal(urgent ? 20 * MINUTE_MS : 70 * MINUTE_MS, 1.1);
  const firstDue = created.firstResponseDueAt
    ? Date.parse(created.firstResponseDueAt)
    : Number.POSITIVE_INFINITY;
  if (!created.assignee && agent)
    change(createdMs + MINUTE_MS, { kind: 'system', id: 'routing' }, { assignee: agent, status: 'assigned' });
  if (firstMs > firstDue) change(firstDue, { kind: 'system', id: 'sla' }, { slaState: 'breached' });
  const reply = random.pick(REPLIES);
  if (change(firstMs, person, { firstRespondedAt: iso(firstMs), status: 'in_progress' })) {
    history.push({
      ticketId: ticket.id,
      at: iso(firstMs),
      actor: person,
      field: 'reply',
      from: null,
      to: reply,
      note: ticket.channel,
    });
    messages.push({ atMs: firstMs, author: 'agent', body: reply });
  }
  let lastMs = firstMs;
  if (random.chance(0.35)) {
    const followMs = firstMs + random.logNormal(3 * HOUR_MS, 1);
    change(followMs, { kind: 'system', id: 'channel:reply' }, {});
    if (followMs <= nowMs) {
      const body = random.pick(FOLLOW_UPS);
      history.push({
        ticketId: ticket.id,
        at: iso(followMs),
        actor: { kind: 'system', id: `channel:${ticket.channel}` },
        field: 'customer_message',
        from: null,
        to: body,
        note: ticket.channel,
      });
      messages.push({ atMs: followMs, author: 'customer', body });
      lastMs = followMs;
    }
  }
  // A share stays open: mostly the recent ones (the backlog), a few old ones forgotten.
  const staysOpen = random.chance(createdMs > nowMs - 3 * DAY_MS ? 0.5 : 0.015);
  let resolvedMs: number | null = null;
  let reopened = false;
  if (!staysOpen) {
    const resolveAt = lastMs + random.logNormal(urgent ? 3 * HOUR_MS : 9 * HOUR_MS, 1.2);
    const resolutionDue = created.resolutionDueAt
      ? Date.parse(created.resolutionDueAt)
      : Number.POSITIVE_INFINITY;
    if (resolveAt > resolutionDue && ticket.slaState !== 'breached')
      change(resolutionDue, { kind: 'system', id: 'sla' }, { slaState: 'breached' });
    const outcome = ticket.slaState === 'breached' ? 'breached' : 'met';
    if (
      change(resolveAt, person, {
        status: 'resolved',
        solution: random.pick(SOLUTIONS),
        resolvedAt: iso(resolveAt),
        slaState: outcome,
      })
    ) {
      resolvedMs = resolveAt;
      if (random.chance(0.06)) {
        const reopenAt = resolveAt + random.logNormal(DAY_MS, 0.8);
        if (
          change(
            reopenAt,
            { kind: 'system', id: `channel:${ticket.channel}` },
            { status: 'in_progress', resolvedAt: null },
            'customer_replied',
          )
        ) {
          reopened = true;
          const again = reopenAt + random.logNormal(4 * HOUR_MS, 1);
          change(again, person, { status: 'resolved', resolvedAt: iso(again) });
        }
      }
      const closeAt = Date.parse(ticket.resolvedAt ?? iso(resolveAt)) + 3 * DAY_MS;
      change(closeAt, { kind: 'system', id: 'auto_close' }, { status: 'closed', closedAt: iso(closeAt) });
    }
  }
  return { ticket, history, messages, resolvedMs, reopened };
}

const TRACKED = new Set([
  'category',
  'priority',
  'status',
  'team',
  'assignee',
  'customFields',
  'tags',
  'solution',
  'firstResponseDueAt',
  'resolutionDueAt',
  'firstRespondedAt',
  'slaState',
]);

import type { LocalizedText } from '@flowdesk/model';
import type { JsonValue, Ticket, TicketActor, TicketHistoryEntry, UserRole } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { notFoundParams, ROLES_SEEING_NOTES } from './ticket-actions.ts';
import { classifyCategories } from './ticket-work.ts';

/**
 * One timeline across channels for the ticket page (issue 13, item 2): the
 * customer's messages, the flow's and the agents' replies, internal notes (for
 * the roles that read them), field changes and surveys, oldest first. Built
 * from the ticket history, the notes, the ticket's conversation and its
 * surveys; capped to the newest `limit` entries so a long ticket opens fast.
 */

export type TimelineEntry =
  | { kind: 'created'; at: string; actor: TimelineActor; body: string; channel: string }
  | { kind: 'inbound'; at: string; actor: TimelineActor; body: string; channel: string }
  | { kind: 'flow_reply'; at: string; actor: TimelineActor; body: string; channel: string }
  | { kind: 'agent_reply'; at: string; actor: TimelineActor; body: string; channel: string }
  | { kind: 'note'; at: string; actor: TimelineActor; body: string }
  | {
      kind: 'change';
      at: string;
      actor: TimelineActor;
      field: string;
      from: JsonValue;
      to: JsonValue;
      note: string | null;
    }
  | { kind: 'survey_sent'; at: string; actor: TimelineActor; surveyKind: string; channel: string }
  | {
      kind: 'survey_answer';
      at: string;
      actor: TimelineActor;
      surveyKind: string;
      score: number;
      comment: string | null;
    };

/** Who did it, with a name a person recognises when we know one (users, agents, flows). */
export interface TimelineActor {
  kind: TicketActor['kind'] | 'customer';
  id: string;
  name: string | null;
  /** A template's flow named in both languages (with its version); the page shows the reader's. */
  localizedName?: LocalizedText;
}

export interface TicketTimeline {
  entries: TimelineEntry[];
  /** How many entries the ticket has in all. */
  total: number;
  /** True when older entries were left out to keep to `limit`. */
  truncated: boolean;
}

/** Changes a person reads as events; clock bookkeeping shows in the SLA panel instead. */
const CHANGE_FIELDS = new Set([
  'title',
  'channel',
  'category',
  'priority',
  'status',
  'team',
  'assignee',
  'customerId',
  'tags',
  'solution',
  'customFields',
]);

const CUSTOMER: TimelineActor = { kind: 'customer', id: 'customer', name: null };

/**
 * Assignee changes read with the agent's name, team and category changes with
 * the team's or category's name in both languages (the reader's language is
 * picked on the page), not their ids.
 */
type Namer = (field: string, value: JsonValue) => JsonValue;

function fromHistory(
  entry: TicketHistoryEntry,
  ticket: Ticket,
  actor: TimelineActor,
  name: Namer,
): TimelineEntry | null {
  const body = typeof entry.to === 'string' ? entry.to : '';
  const channel = entry.note ?? ticket.channel;
  switch (entry.field) {
    case 'customer_message':
      return { kind: 'inbound', at: entry.at, actor: CUSTOMER, body, channel };
    case 'reply':
      return entry.actor.kind === 'execution'
        ? { kind: 'flow_reply', at: entry.at, actor, body, channel }
        : { kind: 'agent_reply', at: entry.at, actor, body, channel };
    case 'survey':
      return { kind: 'survey_sent', at: entry.at, actor, surveyKind: body, channel };
    default:
      if (entry.field === 'status' && entry.from === null && entry.note === 'created') {
        return { kind: 'created', at: entry.at, actor, body: ticket.description, channel: ticket.channel };
      }
      if (!CHANGE_FIELDS.has(entry.field)) return null;
      return {
        kind: 'change',
        at: entry.at,
        actor,
        field: entry.field,
        from: name(entry.field, entry.from),
        to: name(entry.field, entry.to),
        note: entry.note ?? null,
      };
  }
}

/** Names for the actors of a timeline, looked up once each. */
async function actorNames(services: AppServices, actors: readonly TicketActor[]) {
  const { store } = services;
  const names = new Map<string, string | null>();
  const localized = new Map<string, LocalizedText>();
  const agents = await store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID });
  for (const actor of actors) {
    const key = `${actor.kind}:${actor.id}`;
    if (names.has(key)) continue;
    if (actor.kind === 'user') names.set(key, (await store.users.get(actor.id))?.name ?? null);
    else if (actor.kind === 'execution') {
      const execution = await store.executions.get(actor.id);
      const flow = execution ? await store.flows.get(execution.flowId) : null;
      const version = ` v${execution?.version}`;
      names.set(key, flow ? `${flow.name}${version}` : null);
      if (flow?.localizedName) {
        const { 'zh-CN': zh, en } = flow.localizedName;
        localized.set(key, { 'zh-CN': `${zh}${version}`, en: `${en}${version}` });
      }
    } else names.set(key, agents.find((agent) => agent.id === actor.id)?.name ?? null);
  }
  return (actor: TicketActor): TimelineActor => {
    const key = `${actor.kind}:${actor.id}`;
    const localizedName = localized.get(key);
    return {
      kind: actor.kind,
      id: actor.id,
      name: names.get(key) ?? null,
      ...(localizedName ? { localizedName } : {}),
    };
  };
}

async function namerFor(services: AppServices): Promise<Namer> {
  const [agents, teams, categories] = await Promise.all([
    services.store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID }),
    services.store.teams.list(DEFAULT_WORKSPACE_ID),
    classifyCategories(services),
  ]);
  const names: Record<string, Map<string, JsonValue>> = {
    assignee: new Map(agents.map((agent) => [agent.id, agent.name])),
    team: new Map(teams.map((team) => [team.id, { ...team.name }])),
    category: new Map(categories.map((category) => [category.id, { ...category.name }])),
  };
  return (field, value) => {
    const table = Object.hasOwn(names, field) ? names[field] : undefined;
    return table && typeof value === 'string' ? (table.get(value) ?? value) : value;
  };
}

/** The flow's own messages in the ticket's conversation (chat, web form, email); customers' are in the history already. */
async function conversationReplies(services: AppServices, ticket: Ticket) {
  const conversation = await services.store.conversations.findByTicket(ticket.id);
  if (!conversation) return [];
  const messages = await services.store.conversations.listMessages(conversation.id, 0, 1000);
  return messages
    .filter((message) => message.author === 'flow')
    .map((message) => ({
      id: message.id,
      at: message.createdAt,
      body: message.body,
      channel: conversation.channel,
    }));
}

const FLOW: TicketActor = { kind: 'execution', id: 'flow' };

/**
 * Which execution wrote a flow message: its id is `reply:` and the step's key
 * (`executionId:nodeId:visit`), matched against the executions the ticket's
 * history knows, so an id with a colon in it cannot mislead.
 */
function writerOf(messageId: string, executionIds: readonly string[]): TicketActor {
  const id = executionIds.find((candidate) => messageId.startsWith(`reply:${candidate}:`));
  return id ? { kind: 'execution', id } : FLOW;
}

export async function ticketTimeline(
  services: AppServices,
  id: string,
  role: UserRole,
  limit: number,
): Promise<TicketTimeline> {
  const { store } = services;
  const ticket = await store.tickets.get(id);
  if (!ticket) throw new AppError('not_found', 'desk_not_found', notFoundParams(id));
  const [history, notes, surveys, replies] = await Promise.all([
    store.ticketHistory.list(id),
    ROLES_SEEING_NOTES.includes(role) ? store.ticketNotes.list(id) : Promise.resolve([]),
    store.surveys.listByTickets([id]),
    conversationReplies(services, ticket),
  ]);
  const executionIds = [
    ...new Set(history.filter((entry) => entry.actor.kind === 'execution').map((entry) => entry.actor.id)),
  ];
  const writers = replies.map((reply) => writerOf(reply.id, executionIds));
  const named = await actorNames(services, [
    ...history.map((entry) => entry.actor),
    ...notes.map((note) => note.author),
    ...writers.filter((writer) => writer !== FLOW),
  ]);
  const valueNames = await namerFor(services);
  const entries: TimelineEntry[] = replies.map((reply, index) => ({
    kind: 'flow_reply',
    at: reply.at,
    actor: named(writers[index] ?? FLOW),
    body: reply.body,
    channel: reply.channel,
  }));
  for (const entry of history) {
    const shown = fromHistory(entry, ticket, named(entry.actor), valueNames);
    if (shown) entries.push(shown);
  }
  for (const note of notes)
    entries.push({ kind: 'note', at: note.at, actor: named(note.author), body: note.body });
  for (const survey of surveys) {
    if (survey.answeredAt === null || survey.score === null) continue;
    entries.push({
      kind: 'survey_answer',
      at: survey.answeredAt,
      actor: CUSTOMER,
      surveyKind: survey.kind,
      score: survey.score,
      comment: survey.comment,
    });
  }
  // A stable sort keeps same-instant entries in the order each source recorded them.
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const kept = entries.slice(Math.max(0, entries.length - limit));
  return { entries: kept, total: entries.length, truncated: kept.length < entries.length };
}

import {
  addInternalNote,
  type CustomerView,
  customerData,
  detectLocale,
  KnowledgeIndexCache,
  maskCustomer,
  ticketData,
} from '@flowdesk/desk';
import { renderTemplate } from '@flowdesk/engine';
import { classifyCategoriesOf, type Locale, type LocalizedText } from '@flowdesk/model';
import type { Agent, CustomerProfile, Ticket, TicketNote, UserRole } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { liveFlowsInOrder } from '../flows/live-flows.ts';
import { AppError } from '../http/app-error.ts';
import { findCustomersByNameOrWholeContact } from '../privacy/contact-search.ts';
import { valueOrThrow } from './desk-app-error.ts';
import { type Acting, deskDepsOf, inDesk, notFoundParams } from './ticket-actions.ts';

/**
 * What the ticket page's work panel needs besides the ticket itself: the
 * choices for its dropdowns, message templates rendered with the ticket's
 * data, knowledge-base answers for the ticket's text, notes that mention
 * team members, and folding a second customer profile into the ticket's.
 */

export interface Named {
  id: string;
  name: LocalizedText;
}

export interface WorkOptions {
  teams: Named[];
  agents: Array<Named & { teams: string[] }>;
  /** Categories of the live flows' Classify steps, and the ticket's own when none of them has it. */
  categories: Named[];
  /** Templates meant for customers (reply, email, SMS). */
  templates: Named[];
  /** Who a note may mention: the members of the ticket's team (or every agent when it has none), except oneself. */
  mentionable: Named[];
}

/** Templates for other audiences (webhooks, the agents' own inbox) are not offered in a reply. */
const CUSTOMER_TEMPLATE_CHANNELS: readonly string[] = ['reply', 'email', 'sms'];

const same = (value: string): LocalizedText => ({ 'zh-CN': value, en: value });

async function ticketOrThrow(services: AppServices, id: string): Promise<Ticket> {
  const ticket = await services.store.tickets.get(id);
  if (!ticket || ticket.workspaceId !== DEFAULT_WORKSPACE_ID) {
    throw new AppError('not_found', 'desk_not_found', notFoundParams(id));
  }
  return ticket;
}

function membersOf(agents: readonly Agent[], ticket: Ticket): Agent[] {
  return ticket.team ? agents.filter((agent) => agent.teams.includes(ticket.team as string)) : [...agents];
}

/** The categories the live flows' Classify steps sort into, named in both languages: the workspace's categories. */
export async function classifyCategories(services: AppServices): Promise<Named[]> {
  const { live } = await liveFlowsInOrder(services.store, DEFAULT_WORKSPACE_ID);
  const found = new Map<string, Named>();
  for (const { id, label } of classifyCategoriesOf(live.flatMap((flow) => flow.graph.nodes))) {
    found.set(id, { id, name: label });
  }
  return [...found.values()];
}

export async function workOptions(services: AppServices, id: string, userId: string): Promise<WorkOptions> {
  const ticket = await ticketOrThrow(services, id);
  const { store } = services;
  const [teams, agents, templates, categories] = await Promise.all([
    store.teams.list(DEFAULT_WORKSPACE_ID),
    store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID }),
    store.messageTemplates.list(DEFAULT_WORKSPACE_ID),
    classifyCategories(services),
  ]);
  if (ticket.category && !categories.some((category) => category.id === ticket.category)) {
    categories.push({ id: ticket.category, name: same(ticket.category) });
  }
  const agentNamed = (agent: Agent) => ({ id: agent.id, name: same(agent.name) });
  return {
    teams: teams.map((team) => ({ id: team.id, name: team.name })),
    agents: agents.map((agent) => ({ ...agentNamed(agent), teams: agent.teams })),
    categories,
    templates: templates
      .filter((template) => CUSTOMER_TEMPLATE_CHANNELS.includes(template.channel))
      .map((template) => ({ id: template.id, name: same(template.name) })),
    mentionable: membersOf(agents, ticket)
      .filter((agent) => agent.userId !== userId)
      .map(agentNamed),
  };
}

/** The language the customer writes in: their profile's, else the one the ticket's text is in. */
function customerLocale(ticket: Ticket, profile: CustomerProfile | null): Locale {
  return profile?.locale ?? detectLocale(`${ticket.title}\n${ticket.description}`) ?? 'zh-CN';
}

/** The customer as a template sees them here: contacts masked for roles that may not see them whole. */
function customerForTemplate(profile: CustomerProfile, role: UserRole) {
  const view: CustomerView = maskCustomer(profile, role);
  return { ...customerData(profile, false), phone: view.phone, email: view.email };
}

export interface RenderedReply {
  subject: string;
  body: string;
  locale: Locale;
}

/**
 * A saved template filled in with this ticket and its customer, in the
 * customer's language (the other one when it has no text in theirs). Liquid
 * renders the customer's text as data; nothing in it runs.
 */
export async function renderReplyTemplate(
  services: AppServices,
  id: string,
  templateId: string,
  role: UserRole,
): Promise<RenderedReply> {
  const ticket = await ticketOrThrow(services, id);
  const template = await services.store.messageTemplates.get(templateId);
  if (
    !template ||
    template.workspaceId !== DEFAULT_WORKSPACE_ID ||
    !CUSTOMER_TEMPLATE_CHANNELS.includes(template.channel)
  ) {
    throw new AppError('not_found', 'template_not_found', { params: { id: templateId } });
  }
  const profile = ticket.customerId ? await services.store.customers.get(ticket.customerId) : null;
  const locale = customerLocale(ticket, profile);
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const pick = (texts: Record<string, string>) =>
    (texts[locale]?.trim() ? texts[locale] : texts[other]) ?? '';
  const data = {
    ticket: ticketData(ticket, deskDepsOf(services)),
    ...(profile ? { customer: customerForTemplate(profile, role) } : {}),
  };
  return {
    subject: renderTemplate(pick(template.subject), data, { locale }).text,
    body: renderTemplate(pick(template.body), data, { locale }).text,
    locale,
  };
}

export interface KnowledgeSuggestion {
  articleId: string;
  title: LocalizedText;
  answer: LocalizedText;
  /** 0..1, as the auto-reply step measures it. */
  confidence: number;
  /** The customer's language, the one to insert. */
  locale: Locale;
}

const KNOWLEDGE = new KnowledgeIndexCache();

/** Below this an article shares little more than common words with the ticket (see knowledge-index.ts). */
const MIN_SUGGESTION_CONFIDENCE = 0.3;

/** The articles that best answer the ticket's text, most confident first. */
export async function knowledgeSuggestions(
  services: AppServices,
  id: string,
  limit = 3,
): Promise<KnowledgeSuggestion[]> {
  const ticket = await ticketOrThrow(services, id);
  const { store } = services;
  const index = await KNOWLEDGE.indexFor(store.kbArticles, DEFAULT_WORKSPACE_ID);
  const hits = index
    .search(`${ticket.title}\n${ticket.description}`, limit)
    .filter((hit) => hit.confidence >= MIN_SUGGESTION_CONFIDENCE);
  const profile = ticket.customerId ? await store.customers.get(ticket.customerId) : null;
  const locale = customerLocale(ticket, profile);
  const suggestions: KnowledgeSuggestion[] = [];
  for (const hit of hits) {
    const article = await store.kbArticles.get(hit.articleId);
    if (!article) continue;
    suggestions.push({
      articleId: article.id,
      title: article.title,
      answer: article.answer,
      confidence: hit.confidence,
      locale,
    });
  }
  return suggestions;
}

/**
 * An internal note that mentions team members: the note and one in-app
 * message per person mentioned are written in one transaction, so a refused
 * mention (someone outside the ticket's team) writes neither.
 */
export function addNoteWithMentions(
  services: AppServices,
  id: string,
  body: string,
  mentions: readonly string[],
  acting: Acting,
): Promise<TicketNote> {
  return inDesk(services, async (scope) => {
    const ticket = await scope.tx.tickets.get(id);
    if (!ticket) throw new AppError('not_found', 'desk_not_found', notFoundParams(id));
    const agents = await scope.tx.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID });
    const members = new Set(membersOf(agents, ticket).map((agent) => agent.id));
    const unknown = mentions.filter((agentId) => !members.has(agentId));
    if (unknown.length > 0) {
      throw new AppError('bad_request', 'mention_not_member', {
        params: { ids: unknown.join(', ') },
        pointer: '/mentions',
      });
    }
    const note = valueOrThrow(await addInternalNote(scope, id, body, { actor: acting.actor }));
    for (const agentId of new Set(mentions)) {
      await scope.tx.inAppMessages.create({
        id: scope.deps.ids.next(),
        workspaceId: DEFAULT_WORKSPACE_ID,
        recipientKind: 'agent',
        recipientId: agentId,
        subject: `${ticket.number} ${ticket.title}`,
        body,
        // The inbox links the message to the ticket the note is on.
        ticketId: ticket.id,
        idempotencyKey: `mention:${note.id}:${agentId}`,
        createdAt: note.at,
      });
    }
    return note;
  });
}

/**
 * Customers whose name contains the query, or with a contact (phone, email,
 * channel account) equal to it whole. Contacts are shown masked, so matching
 * part of one would let a searcher rebuild it a character at a time.
 */
export async function findCustomers(
  services: AppServices,
  query: string,
  limit: number,
  role: UserRole,
): Promise<CustomerView[]> {
  const found = await findCustomersByNameOrWholeContact(services.store, query, limit);
  return found.map((profile) => maskCustomer(profile, role));
}

/**
 * The same person reached us twice: folds `otherId` into the ticket's
 * customer, moving identities, counters and tickets, in one transaction.
 */
export async function mergeIntoTicketCustomer(
  services: AppServices,
  id: string,
  otherId: string,
  role: UserRole,
): Promise<{ customer: CustomerView; mergedFrom: string }> {
  const now = services.clock.now().toISOString();
  const merged = await services.store.transaction(async (tx) => {
    const ticket = await tx.tickets.get(id);
    if (!ticket) throw new AppError('not_found', 'desk_not_found', notFoundParams(id));
    if (!ticket.customerId) throw new AppError('precondition_failed', 'ticket_without_customer');
    if (ticket.customerId === otherId) {
      throw new AppError('bad_request', 'merge_same_customer', { pointer: '/otherCustomerId' });
    }
    const other = await tx.customers.get(otherId);
    if (!other || other.workspaceId !== ticket.workspaceId) {
      throw new AppError('not_found', 'customer_not_found', { params: { id: otherId } });
    }
    const profile = await tx.customers.merge(ticket.customerId, otherId, now);
    if (!profile)
      throw new AppError('not_found', 'customer_not_found', { params: { id: ticket.customerId } });
    await tx.tickets.moveCustomer(otherId, ticket.customerId);
    return profile;
  });
  return { customer: maskCustomer(merged, role), mergedFrom: otherId };
}

import type { Conversation, ConversationMessage, StoreRepositories } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { AppError } from '../../http/app-error.ts';
import type { IntakeRequest } from '../../rest/intake.schema.ts';
import type { IntakeResult } from '../../runtime-port.ts';
import { deskDepsOf } from '../../tickets/ticket-actions.ts';
import { acceptsFollowUp, recordCustomerFollowUp } from '../customer-follow-up.ts';
import { type PublicMessage, parseContact, type StartConversation } from './widget.schema.ts';
import { newConversationId, newConversationToken } from './widget-token.ts';

/**
 * What the widget's calls do to the store. Starting a conversation and the
 * request it carries is one intake transaction: the conversation and the
 * customer's message are written before the flows start (so their immediate
 * replies land in it, after the customer's message), the ticket is linked
 * after; all of it is stored or none.
 */

export interface VisitorMeta {
  ip?: string | undefined;
  userAgent?: string | undefined;
  categories: readonly string[];
}

export function toPublic(message: ConversationMessage): PublicMessage {
  return {
    seq: message.seq,
    direction: message.direction,
    author: message.author,
    body: message.body,
    createdAt: message.createdAt,
  };
}

/**
 * The page the visitor wrote from, as origin + path: a query or fragment can
 * carry a password-reset or login token of the host site, so it is dropped
 * even when an older widget script still sends it. Not an http(s) URL: left out.
 */
export function pageWithoutQuery(page: string | undefined): string | undefined {
  if (!page) return undefined;
  try {
    const url = new URL(page);
    return ['http:', 'https:'].includes(url.protocol) ? `${url.origin}${url.pathname}` : undefined;
  } catch {
    return undefined;
  }
}

function intakeRequest(input: StartConversation, conversationId: string, meta: VisitorMeta): IntakeRequest {
  let contact: { email: string } | { phone: string } | undefined;
  if (input.contact !== undefined) {
    const parsed = parseContact(input.contact);
    if (!parsed) throw new AppError('bad_request', 'widget_contact_invalid', { pointer: '/contact' });
    contact = parsed;
  }
  if (input.category !== undefined && !meta.categories.includes(input.category)) {
    throw new AppError('bad_request', 'widget_category_invalid', { pointer: '/category' });
  }
  const sourcePage = pageWithoutQuery(input.sourcePage);
  return {
    channel: input.mode === 'chat' ? 'chat' : 'web_form',
    customer: {
      ...(input.name ? { name: input.name } : {}),
      ...contact,
      ...(input.visitorId ? { channelId: input.visitorId } : {}),
      locale: input.locale,
    },
    message: input.message,
    ...(input.category ? { category: input.category } : {}),
    attachments: [],
    customFields: {},
    metadata: {
      conversationId,
      ...(sourcePage ? { sourcePage } : {}),
      ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 500) } : {}),
      ...(meta.ip ? { ip: meta.ip.slice(0, 64) } : {}),
    },
  };
}

/** Runs the request through the flows inside the intake transaction, with the conversation around it. */
async function intakeInto(
  services: AppServices,
  request: IntakeRequest,
  prepare: (tx: StoreRepositories) => Promise<void>,
): Promise<IntakeResult> {
  const conversationId = request.metadata.conversationId as string;
  const now = services.clock.now().toISOString();
  return services.runtime.intake(request, {
    inTransaction: {
      before: async (tx) => {
        await prepare(tx);
        await tx.conversations.appendMessage({
          id: `in:${conversationId}:${services.ids.next()}`,
          conversationId,
          direction: 'in',
          author: 'customer',
          body: request.message,
          externalId: null,
          createdAt: now,
        });
      },
    },
  });
}

export interface StartedConversation {
  conversationId: string;
  token: string;
  ticketNumber?: string;
  messages: PublicMessage[];
}

export async function startConversation(
  services: AppServices,
  input: StartConversation,
  meta: VisitorMeta,
): Promise<StartedConversation> {
  const conversationId = newConversationId();
  const request = intakeRequest(input, conversationId, meta);
  const { token, tokenHash } = newConversationToken();
  const now = services.clock.now().toISOString();
  const result = await intakeInto(services, request, async (tx) => {
    await tx.conversations.create({
      id: conversationId,
      workspaceId: DEFAULT_WORKSPACE_ID,
      channel: request.channel,
      customerKey: input.visitorId ?? null,
      ticketId: null,
      tokenHash,
      createdAt: now,
      updatedAt: now,
    });
  });
  const messages = await services.store.conversations.listMessages(conversationId, 0);
  return {
    conversationId,
    token,
    ...(result.produced.ticketNumber ? { ticketNumber: result.produced.ticketNumber } : {}),
    messages: messages.map(toPublic),
  };
}

/**
 * A later message. On a ticket that is still open (or resolved: it reopens)
 * it is a follow-up on that ticket (shared customer-follow-up helper); with
 * no ticket yet, or a closed one, it is a new request on the same
 * conversation, so the flows see it.
 */
export async function sendChatMessage(
  services: AppServices,
  conversation: Conversation,
  body: string,
): Promise<{ ticketNumber?: string }> {
  const { ticketId } = conversation;
  const deps = deskDepsOf(services);
  // The ticket is read in the same transaction that records the follow-up, so its status cannot move between.
  const followedUp = await services.store.transaction(async (tx) => {
    const ticket = ticketId ? await tx.tickets.get(ticketId) : null;
    if (!ticket || !acceptsFollowUp(ticket)) return null;
    await recordCustomerFollowUp(
      { tx, deps },
      {
        ticket,
        channel: conversation.channel,
        conversationId: conversation.id,
        customerKey: conversation.customerKey,
        body,
        messageId: `in:${conversation.id}:${deps.ids.next()}`,
        externalId: null,
        now: deps.clock.now(),
      },
    );
    return ticket.number;
  });
  if (followedUp) return { ticketNumber: followedUp };
  const request: IntakeRequest = {
    channel: conversation.channel === 'web_form' ? 'web_form' : 'chat',
    customer: conversation.customerKey ? { channelId: conversation.customerKey } : {},
    message: body,
    attachments: [],
    customFields: {},
    metadata: { conversationId: conversation.id },
  };
  const result = await intakeInto(services, request, async () => {});
  return result.produced.ticketNumber ? { ticketNumber: result.produced.ticketNumber } : {};
}

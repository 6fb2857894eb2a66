import { messageIdDigest } from '@flowdesk/connectors';
import type { ConversationMessage, EnqueueJobInput, JsonObject, StoreRepositories } from '@flowdesk/store';

/**
 * Where a reply to the customer goes, decided by the channel the request came
 * in on. One rule for the flow's replies (send message → "reply on the
 * request's channel") and for an agent's reply on the ticket:
 *
 * - chat, web form: appended to the conversation; the widget shows it live.
 * - email: queued in the outbox as a reply in the customer's thread.
 * - WeChat: while the intake is still answering, the webhook returns it as the
 *   passive reply; later it is queued as a customer-service message.
 * - phone: queued as an SMS to the caller.
 * - API: the caller received it in the intake answer; later replies are only
 *   recorded on the ticket.
 *
 * Everything is written in the caller's transaction, so a reply is queued if
 * and only if the step or the agent's action commits.
 */

export interface ReplyOrigin {
  /** The request's (or ticket's) channel: `chat`, `web_form`, `email`, `wechat`, `phone`, `api`. */
  channel: string;
  conversationId: string | null;
  email?: string | undefined;
  phone?: string | undefined;
  /** The customer's id on the channel: WeChat OpenID, chat visitor id. */
  channelId?: string | undefined;
  ticketNumber?: string | null | undefined;
  ticketTitle?: string | null | undefined;
}

export interface OutgoingReply {
  subject?: string | undefined;
  body: string;
  author: 'flow' | 'agent';
  /** Stable per reply (the step's key, or the agent reply's id): repeats write and send once. */
  key: string;
  now: Date;
  /** The intake caller is still waiting and receives the reply in its answer. */
  answering: boolean;
}

export type ReplyRoute = 'conversation' | 'email' | 'wechat' | 'sms' | 'answer' | 'recorded';

export interface RoutedReply {
  route: ReplyRoute;
  /** True when something was put in the outbox. */
  queued: boolean;
}

export type Enqueue = (job: Omit<EnqueueJobInput, 'id' | 'now'>) => Promise<void>;

type Repos = Pick<StoreRepositories, 'conversations'>;

export async function routeReply(
  tx: Repos,
  origin: ReplyOrigin,
  reply: OutgoingReply,
  enqueue: Enqueue,
): Promise<RoutedReply> {
  const earlier = origin.conversationId ? await recordOutgoing(tx, origin.conversationId, reply) : [];
  const deliver = (payload: JsonObject) =>
    enqueue({
      kind: 'outbox.deliver',
      runAt: reply.now.toISOString(),
      payload,
      idempotencyKey: `reply:${reply.key}`,
    });
  switch (origin.channel) {
    case 'chat':
    case 'web_form':
      return { route: origin.conversationId ? 'conversation' : 'answer', queued: false };
    case 'email': {
      if (!origin.email) return { route: 'recorded', queued: false };
      const thread = earlier
        .filter((message) => message.externalId)
        .map((message) => message.externalId as string);
      const lastFromCustomer = earlier
        .filter((message) => message.direction === 'in' && message.externalId)
        .at(-1);
      await deliver({
        channel: 'email',
        to: origin.email,
        subject: reply.subject || replySubject(origin),
        body: reply.body,
        ...(lastFromCustomer?.externalId ? { inReplyTo: lastFromCustomer.externalId } : {}),
        ...(thread.length ? { references: thread.slice(-20) } : {}),
        context: { ticket: origin.ticketNumber ?? null },
      });
      return { route: 'email', queued: true };
    }
    case 'wechat':
      if (reply.answering) return { route: 'answer', queued: false };
      if (!origin.channelId) return { route: 'recorded', queued: false };
      await deliver({ channel: 'wechat', to: origin.channelId, body: reply.body });
      return { route: 'wechat', queued: true };
    case 'phone':
      if (!origin.phone) return { route: 'recorded', queued: false };
      await deliver({ channel: 'sms', to: origin.phone, body: reply.body });
      return { route: 'sms', queued: true };
    default:
      return { route: reply.answering ? 'answer' : 'recorded', queued: false };
  }
}

/** `Re: [CS2026…] title`: the ticket number in the subject threads the customer's answer back. */
export function replySubject(origin: Pick<ReplyOrigin, 'ticketNumber' | 'ticketTitle'>): string {
  if (!origin.ticketNumber) return origin.ticketTitle ? `Re: ${origin.ticketTitle}` : 'Re:';
  return `Re: [${origin.ticketNumber}] ${origin.ticketTitle ?? ''}`.trimEnd();
}

/**
 * Keeps the reply in the conversation's transcript. For email its external id
 * is the local part of the Message-ID the outbox will send it with, which is
 * what the customer's In-Reply-To will point at. Returns the messages before it.
 */
async function recordOutgoing(
  tx: Repos,
  conversationId: string,
  reply: OutgoingReply,
): Promise<ConversationMessage[]> {
  const earlier = await tx.conversations.listMessages(conversationId, 0, 500);
  const conversation = await tx.conversations.get(conversationId);
  if (!conversation) return [];
  await tx.conversations.appendMessage({
    id: `reply:${reply.key}`,
    conversationId,
    direction: 'out',
    author: reply.author,
    body: reply.body,
    externalId: conversation.channel === 'email' ? messageIdDigest(`reply:${reply.key}`) : null,
    createdAt: reply.now.toISOString(),
  });
  return earlier.filter((message) => message.id !== `reply:${reply.key}`);
}

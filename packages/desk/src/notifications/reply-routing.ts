import { messageIdDigest } from '@flowdesk/connectors';
import type { Channel } from '@flowdesk/model';
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

/** What a router needs: the reply, where it came from, and the transcript before it. */
export interface ReplyRouting {
  origin: ReplyOrigin;
  reply: OutgoingReply;
  /** The conversation's messages before this reply (empty without a conversation). */
  earlier: ConversationMessage[];
  /** Queues one outbox message for this reply, keyed by the reply so a repeat sends once. */
  deliver: (payload: JsonObject) => Promise<void>;
}

export type ReplyRouter = (routing: ReplyRouting) => Promise<RoutedReply>;

/** The intake caller gets it while it waits; later it is only on the ticket. */
const answerOrRecord: ReplyRouter = async ({ reply }) => ({
  route: reply.answering ? 'answer' : 'recorded',
  queued: false,
});

/** The widget shows the conversation live; without one, the intake's answer carries it. */
const inConversation: ReplyRouter = async ({ origin }) => ({
  route: origin.conversationId ? 'conversation' : 'answer',
  queued: false,
});

/** In the customer's thread: In-Reply-To their last mail, References the thread's ids. */
const byEmail: ReplyRouter = async ({ origin, reply, earlier, deliver }) => {
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
};

/** The passive reply while the webhook still answers; a customer-service message later. */
const onWechat: ReplyRouter = async ({ origin, reply, deliver }) => {
  if (reply.answering) return { route: 'answer', queued: false };
  if (!origin.channelId) return { route: 'recorded', queued: false };
  await deliver({ channel: 'wechat', to: origin.channelId, body: reply.body });
  return { route: 'wechat', queued: true };
};

/** A caller is answered by SMS. */
const bySms: ReplyRouter = async ({ origin, reply, deliver }) => {
  if (!origin.phone) return { route: 'recorded', queued: false };
  await deliver({ channel: 'sms', to: origin.phone, body: reply.body });
  return { route: 'sms', queued: true };
};

/**
 * How a reply goes out on each request channel of the vocabulary. A channel
 * added to CHANNELS without its router fails to compile here. The desk holds
 * this table (not the server's channel modules) because desk activities, such
 * as the survey, route replies too.
 */
export const REPLY_ROUTERS = {
  chat: inConversation,
  web_form: inConversation,
  email: byEmail,
  wechat: onWechat,
  phone: bySms,
  api: answerOrRecord,
} as const satisfies Record<Channel, ReplyRouter>;

function routerFor(channel: string): ReplyRouter {
  return Object.hasOwn(REPLY_ROUTERS, channel) ? REPLY_ROUTERS[channel as Channel] : answerOrRecord;
}

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
  return routerFor(origin.channel)({ origin, reply, earlier, deliver });
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

import type { JsonValue } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { parseInput } from '../../http/zod-details.ts';
import { withIdempotency } from '../../rest/idempotency.ts';
import { IntakeRequestSchema } from '../../rest/intake.schema.ts';
import type { IntakeResult } from '../../runtime-port.ts';
import { inDesk } from '../../tickets/ticket-actions.ts';
import type { ChannelSettingsOf } from '../channel-settings.schema.ts';
import { acceptsFollowUp, recordCustomerFollowUp } from '../customer-follow-up.ts';
import { textReplyXml, type WechatMessage } from './wechat-xml.ts';

/**
 * What the webhook does with one message from a follower. Text (and voice
 * with speech recognition) becomes a request on channel `wechat`, or a
 * follow-up when the follower's ticket is still open; everything else is
 * acknowledged with "success" and not stored. The platform retries a message
 * it got no answer for (same body, fresh nonce), so each follower's MsgId is
 * handled once and a repeat gets the first answer again.
 */

export const WECHAT_ACK = 'success';
const SCOPE = 'channel:wechat';

type WechatSettings = ChannelSettingsOf<'wechat'>;

/** The customer's words: the text, or what speech recognition heard. */
function wordsOf(message: WechatMessage): string | undefined {
  if (message.msgType === 'text') return message.content;
  if (message.msgType === 'voice') return message.recognition;
  return undefined;
}

/** The body to answer the platform with: passive reply XML, or "success". */
export async function receiveWechatMessage(
  services: AppServices,
  message: WechatMessage,
  settings: WechatSettings,
): Promise<string> {
  const now = services.clock.now();
  const passive = (content: string) =>
    textReplyXml({ toUser: message.fromUserName, fromUser: message.toUserName, createTime: now, content });
  if (message.msgType === 'event') {
    return message.event === 'subscribe' && settings.welcomeText ? passive(settings.welcomeText) : WECHAT_ACK;
  }
  const words = wordsOf(message)?.trim();
  if (!words) return WECHAT_ACK;
  // Messages without a MsgId are told apart by sender and time, as the platform documents. The
  // sender is part of the key either way: a body reusing another follower's MsgId must not be
  // answered with that follower's stored reply.
  const key = `${message.fromUserName}:${message.msgId ?? message.createTime}`;
  const outcome = await withIdempotency({ store: services.store, scope: SCOPE, key, body: key, now }, () =>
    handleNew(services, message, words, key),
  );
  const replies = repliesOf(outcome.response.body);
  return replies.length > 0 ? passive(replies.join('\n\n')) : WECHAT_ACK;
}

function repliesOf(stored: JsonValue): string[] {
  const produced = (stored as Partial<IntakeResult> | null)?.produced;
  return (produced?.replies ?? []).map((reply) => reply.text).filter((text) => text.trim() !== '');
}

async function handleNew(
  services: AppServices,
  message: WechatMessage,
  words: string,
  key: string,
): Promise<{ status: number; body: JsonValue }> {
  const { store } = services;
  const now = services.clock.now();
  const openId = message.fromUserName;
  const latest = await store.conversations.findByCustomer(DEFAULT_WORKSPACE_ID, 'wechat', openId);
  const ticket = latest?.ticketId ? await store.tickets.get(latest.ticketId) : null;
  if (latest && ticket && acceptsFollowUp(ticket)) {
    const number = await followUp(services, latest.id, ticket.id, words, key);
    if (number) return { status: 200, body: { followUp: number, produced: { replies: [] } } };
  }
  // A conversation that never got a ticket carries on; one whose ticket is finished does not.
  const reuse = latest !== null && latest.ticketId === null;
  const conversationId = reuse ? latest.id : `wechat-${services.ids.next()}`;
  const request = parseInput(IntakeRequestSchema, {
    channel: 'wechat',
    customer: { channelId: openId },
    message: words,
    metadata: { conversationId, externalId: key },
  });
  const at = now.toISOString();
  const result = await services.runtime.intake(request, {
    idempotency: { scope: SCOPE, key },
    inTransaction: {
      before: async (tx) => {
        if (!reuse) {
          await tx.conversations.create({
            id: conversationId,
            workspaceId: DEFAULT_WORKSPACE_ID,
            channel: 'wechat',
            customerKey: openId,
            ticketId: null,
            tokenHash: null,
            createdAt: at,
            updatedAt: at,
          });
        }
        // Before the flows run, so the transcript reads question, then answer.
        await tx.conversations.appendMessage({
          id: `wechat-in:${key}`,
          conversationId,
          direction: 'in',
          author: 'customer',
          body: words,
          externalId: key,
          createdAt: at,
        });
      },
    },
  });
  return { status: 202, body: result as unknown as JsonValue };
}

/**
 * The follower's ticket is still open: the message joins it (shared helper,
 * which also reopens a resolved ticket) instead of starting a request. Null
 * when the ticket was closed in the meantime, so the caller starts one.
 */
async function followUp(
  services: AppServices,
  conversationId: string,
  ticketId: string,
  words: string,
  key: string,
): Promise<string | null> {
  return inDesk(services, async (scope) => {
    const ticket = await scope.tx.tickets.get(ticketId);
    if (!ticket || !acceptsFollowUp(ticket)) return null;
    // Already recorded by an attempt whose answer was lost: keep it once.
    if (await scope.tx.conversations.findMessageByExternalId(DEFAULT_WORKSPACE_ID, 'wechat', key)) {
      return ticket.number;
    }
    await recordCustomerFollowUp(scope, {
      ticket,
      channel: 'wechat',
      conversationId,
      customerKey: null,
      body: words,
      messageId: `wechat-in:${key}`,
      externalId: key,
      now: scope.deps.clock.now(),
    });
    return ticket.number;
  });
}

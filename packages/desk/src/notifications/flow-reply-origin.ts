import type { FlowData } from '@flowdesk/engine';
import type { StoreRepositories } from '@flowdesk/store';
import { customerContact } from '../activities/activity-support.ts';
import type { ReplyOrigin } from './reply-routing.ts';

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Where a flow's "reply on the request's channel" goes. A flow started by a
 * request knows its channel and conversation; one started by a ticket event, a
 * survey answer or an external event has no request, so the ticket's channel
 * and conversation stand in, and a sender not identified as a customer is
 * still reached at the conversation's address.
 */
export async function flowReplyOrigin(
  tx: Pick<StoreRepositories, 'conversations'>,
  data: FlowData,
): Promise<ReplyOrigin> {
  const request = data.request as Record<string, unknown> | undefined;
  const channel = stringOf(request?.channel) ?? stringOf(data.ticket?.channel) ?? 'api';
  const conversation = await conversationOf(tx, data);
  const address = (kind: string) => (channel === kind ? (conversation?.customerKey ?? undefined) : undefined);
  return {
    channel,
    conversationId: conversation?.id ?? null,
    email: customerContact(data, 'email') ?? address('email'),
    phone: customerContact(data, 'phone') ?? address('phone'),
    channelId:
      stringOf((request?.customer as Record<string, unknown> | undefined)?.channelId) ??
      conversation?.customerKey ??
      undefined,
    ticketNumber: stringOf(data.ticket?.number),
    ticketTitle: stringOf(data.ticket?.title),
  };
}

/** The request's conversation (set by the channel that took it in), else the ticket's. */
async function conversationOf(tx: Pick<StoreRepositories, 'conversations'>, data: FlowData) {
  const metadata = (data.request as Record<string, unknown> | undefined)?.metadata as
    | Record<string, unknown>
    | undefined;
  const fromRequest = stringOf(metadata?.conversationId);
  const requested = fromRequest ? await tx.conversations.get(fromRequest) : null;
  if (requested) return requested;
  const ticketId = stringOf(data.ticket?.id);
  return ticketId ? tx.conversations.findByTicket(ticketId) : null;
}

import type { InboundMail } from '@flowdesk/connectors';
import type { JsonValue, StoreRepositories } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { sha256Hex } from '../../auth/secrets.ts';
import { AppError } from '../../http/app-error.ts';
import { withIdempotency } from '../../rest/idempotency.ts';
import type { IntakeContext } from '../../runtime-port.ts';
import { readChannel } from '../channel-settings.ts';
import { acceptsFollowUp, recordCustomerFollowUp } from '../customer-follow-up.ts';
import { emailRequest } from './email-request.ts';
import { findThreadTarget, type ThreadTarget } from './email-threading.ts';

/**
 * Incoming email, whether it came through our SMTP listener or as raw MIME over
 * HTTP: the channel switch and recipient check, de-duplication by Message-ID,
 * threading onto an existing ticket, or a new request for the flows.
 */

export interface EmailAnswer {
  requestId?: string;
  ticketNumber?: string;
  /** The ticket number the mail was added to as a customer follow-up. */
  threadedTo?: string;
  duplicate: boolean;
}

type Deps = Pick<AppServices, 'store' | 'runtime' | 'clock' | 'ids' | 'log'>;

/** Message-IDs are not always valid idempotency keys (length, characters); their hash always is. */
const IDEMPOTENCY_SCOPE = 'email-in';

export class EmailIntake {
  constructor(private readonly deps: Deps) {}

  /** For RCPT TO: the channel is on and the address is one of its support addresses. */
  async acceptsRecipient(address: string): Promise<boolean> {
    const { enabled, settings } = await readChannel(this.deps.store, 'email');
    return enabled && settings.addresses.some((item) => item.toLowerCase() === address.toLowerCase());
  }

  async maxMessageBytes(): Promise<number> {
    return (await readChannel(this.deps.store, 'email')).settings.maxMessageBytes;
  }

  /**
   * Takes one mail. `recipients` are the envelope's RCPT TO addresses (SMTP)
   * or the mail's To/Cc (HTTP). Refusals are AppErrors: channel off → 404,
   * no known recipient → 400; nothing is stored for them.
   */
  async receive(mail: InboundMail, recipients: readonly string[]): Promise<EmailAnswer> {
    await this.checkChannel(recipients);
    const messageId = mail.messageId;
    if (!messageId) return this.handle(mail, undefined);
    const key = sha256Hex(messageId);
    const outcome = await withIdempotency(
      {
        store: this.deps.store,
        scope: IDEMPOTENCY_SCOPE,
        key,
        // The same for every copy of the mail, so a repeat is always a replay, never a conflict.
        body: { messageId },
        now: this.deps.clock.now(),
      },
      async () => ({
        status: 202,
        body: (await this.handle(mail, { scope: IDEMPOTENCY_SCOPE, key })) as unknown as JsonValue,
      }),
    );
    const answer = answerOf(outcome.response.body);
    return outcome.replayed ? { ...answer, duplicate: true } : answer;
  }

  private async checkChannel(recipients: readonly string[]): Promise<void> {
    const { enabled, settings } = await readChannel(this.deps.store, 'email');
    if (!enabled) throw new AppError('not_found', 'email_channel_off');
    const known = new Set(settings.addresses.map((address) => address.toLowerCase()));
    if (!recipients.some((address) => known.has(address.toLowerCase()))) {
      throw new AppError('bad_request', 'email_recipient_unknown', {
        params: { to: recipients.join(', ') || '-' },
        pointer: '',
      });
    }
  }

  private async handle(mail: InboundMail, idempotency: IntakeContext['idempotency']): Promise<EmailAnswer> {
    const { target, mentioned } = await findThreadTarget(this.deps.store, mail);
    if (target && acceptsFollowUp(target.ticket)) return this.followUp(mail, target, idempotency);
    if (mentioned) this.deps.log.info('email refers to a ticket of another customer', { ticket: mentioned });
    return this.newRequest(mail, idempotency, mentioned);
  }

  private followUp(
    mail: InboundMail,
    target: ThreadTarget,
    idempotency: IntakeContext['idempotency'],
  ): Promise<EmailAnswer> {
    const now = this.deps.clock.now();
    const answer: EmailAnswer = { threadedTo: target.ticket.number, duplicate: false };
    return this.deps.store.transaction(async (tx) => {
      await recordCustomerFollowUp(
        { tx, deps: { clock: this.deps.clock, ids: this.deps.ids, workspaceId: DEFAULT_WORKSPACE_ID } },
        {
          ticket: target.ticket,
          channel: 'email',
          conversationId: target.conversationId,
          customerKey: mail.from?.address ?? null,
          body: mail.strippedText || mail.subject || '-',
          messageId: inboundMessageId(mail.messageId ?? this.deps.ids.next()),
          externalId: mail.messageId,
          now,
        },
      );
      // Stored with the work, so after a crash the Message-ID is either answered or nothing happened.
      if (idempotency) await saveAnswer(tx, idempotency, answer, now);
      this.deps.log.info('email threaded onto ticket', { ticket: target.ticket.number, by: target.by });
      return answer;
    });
  }

  private async newRequest(
    mail: InboundMail,
    idempotency: IntakeContext['idempotency'],
    mentioned: string | null,
  ): Promise<EmailAnswer> {
    const conversationId = this.deps.ids.next();
    const request = emailRequest(mail, conversationId, mentioned);
    const at = this.deps.clock.now().toISOString();
    const result = await this.deps.runtime.intake(request, {
      ...(idempotency ? { idempotency } : {}),
      inTransaction: {
        // The conversation and the customer's message exist before the flows run, so the
        // flows' first reply lands in the thread and answers this Message-ID.
        before: async (tx) => {
          await tx.conversations.create({
            id: conversationId,
            workspaceId: DEFAULT_WORKSPACE_ID,
            channel: 'email',
            customerKey: mail.from?.address ?? null,
            ticketId: null,
            tokenHash: null,
            createdAt: at,
            updatedAt: at,
          });
          await tx.conversations.appendMessage({
            id: inboundMessageId(mail.messageId ?? conversationId),
            conversationId,
            direction: 'in',
            author: 'customer',
            body: request.message,
            externalId: mail.messageId,
            createdAt: at,
          });
        },
      },
    });
    return {
      requestId: result.requestId,
      ...(result.produced.ticketNumber ? { ticketNumber: result.produced.ticketNumber } : {}),
      duplicate: false,
    };
  }
}

function inboundMessageId(source: string): string {
  return `email-in:${sha256Hex(source).slice(0, 32)}`;
}

async function saveAnswer(
  tx: StoreRepositories,
  idempotency: NonNullable<IntakeContext['idempotency']>,
  answer: EmailAnswer,
  now: Date,
): Promise<void> {
  await tx.idempotency.saveResponse(
    idempotency.scope,
    idempotency.key,
    { status: 202, body: answer as unknown as JsonValue },
    now.toISOString(),
  );
}

/**
 * The stored answer: ours, or the runtime's intake result when the process
 * stopped between the intake's commit and our own save.
 */
function answerOf(body: JsonValue): EmailAnswer {
  const record = (body ?? {}) as Record<string, unknown>;
  const produced = (record.produced ?? {}) as Record<string, unknown>;
  const pick = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const requestId = pick(record.requestId);
  const ticketNumber = pick(record.ticketNumber) ?? pick(produced.ticketNumber);
  const threadedTo = pick(record.threadedTo);
  return {
    ...(requestId ? { requestId } : {}),
    ...(ticketNumber ? { ticketNumber } : {}),
    ...(threadedTo ? { threadedTo } : {}),
    duplicate: false,
  };
}

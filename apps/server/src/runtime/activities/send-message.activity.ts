import {
  type ActivityModule,
  composeMessage,
  customerContact,
  flowReplyOrigin,
  type InlineActivityContext,
  inboxRecipient,
  localeOf,
  type MessageWarning,
  pickLocalized,
  routeReply,
  simulated,
  type TypedActivityHandler,
  writeInAppMessage,
} from '@flowdesk/desk';
import { type ActivityCommand, type ActivityResult, type FlowData, renderTemplate } from '@flowdesk/engine';
import type { NodeConfig } from '@flowdesk/model';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';

type SendMessageConfig = NodeConfig<'action.send_message'>;

interface Message {
  subject: string;
  body: string;
}

/** Missing fields do not stop the send; they are kept in the step's output for whoever reads the log. */
function sent(warnings: MessageWarning[]): ActivityResult {
  if (warnings.length === 0) return { ok: true, output: {} };
  const messageWarnings = warnings.map(({ code, field, message }) => ({
    code,
    field,
    message: { ...message },
  }));
  return { ok: true, output: { variables: { messageWarnings } } };
}

function noRecipient(): ActivityResult {
  return {
    ok: false,
    error: {
      code: 'runtime.no_recipient',
      params: {},
      retryable: false,
    },
  };
}

/**
 * Renders the message (from a stored template or the node's own text) in the
 * customer's language. Email, SMS and webhooks go into the outbox in the same
 * transaction as the step: they are delivered after commit, with retries,
 * under the step's idempotency key. In-app messages are FlowDesk's own data
 * and are written at once. A reply on the request's own channel is returned
 * to the intake caller and delivered on that channel (see reply-routing.ts).
 */
export const sendMessageActivity: TypedActivityHandler<'action.send_message'> = {
  mode: 'inline',
  async run(command, ctx) {
    const config = command.config;
    const data = command.input;
    const composed = await composeMessage(ctx.tx, config, data, localeOf(data));
    if (!composed.ok) {
      return { ok: false, error: { code: composed.code, params: { ...composed.params }, retryable: false } };
    }
    const message = { subject: composed.subject, body: composed.body };
    switch (config.channel) {
      case 'reply':
        await reply(ctx, data, message);
        return sent(composed.warnings);
      case 'in_app':
        return (await inApp(ctx, config, data, message)) ? sent(composed.warnings) : noRecipient();
      case 'email':
      case 'sms':
      case 'webhook': {
        const to = recipient(config, data);
        if (!to) return noRecipient();
        await enqueue(ctx, command, data, { channel: config.channel, to, ...message });
        return sent(composed.warnings);
      }
    }
  },
};

async function reply(ctx: InlineActivityContext, data: FlowData, message: Message): Promise<void> {
  const origin = await flowReplyOrigin(ctx.tx, data);
  ctx.produce({ kind: 'reply', channel: origin.channel, text: message.body });
  if (ctx.dryRun) return;
  await routeReply(
    ctx.tx,
    origin,
    {
      subject: message.subject,
      body: message.body,
      author: 'flow',
      key: ctx.idempotencyKey,
      now: ctx.now,
      answering: ctx.answering,
    },
    ctx.enqueue,
  );
}

async function inApp(
  ctx: InlineActivityContext,
  config: SendMessageConfig,
  data: FlowData,
  message: Message,
): Promise<boolean> {
  const to = inboxRecipient(config.to, data);
  if (!to) return false;
  if (ctx.dryRun) return true;
  await writeInAppMessage(ctx.tx, {
    id: `inbox:${ctx.idempotencyKey}`,
    workspaceId: DEFAULT_WORKSPACE_ID,
    recipientKind: to.kind,
    recipientId: to.id,
    subject: message.subject,
    body: message.body,
    idempotencyKey: ctx.idempotencyKey,
    // The inbox links the reminder to its ticket.
    ticketId: typeof data.ticket?.id === 'string' ? data.ticket.id : null,
    createdAt: ctx.now.toISOString(),
  });
  return true;
}

async function enqueue(
  ctx: InlineActivityContext,
  command: ActivityCommand,
  data: FlowData,
  message: Message & { channel: 'email' | 'sms' | 'webhook'; to: string },
): Promise<void> {
  if (ctx.dryRun) return;
  await ctx.enqueue({
    kind: 'outbox.deliver',
    runAt: ctx.now.toISOString(),
    payload: {
      ...message,
      context: {
        executionId: ctx.executionId,
        nodeId: command.nodeId,
        ticket: (data.ticket?.number as string) ?? null,
      },
    },
    idempotencyKey: ctx.idempotencyKey,
  });
}

function recipient(config: SendMessageConfig, data: FlowData): string | undefined {
  if (config.channel === 'webhook') return config.url ?? config.address;
  if (config.to === 'address') return config.address;
  if (config.to === 'customer') {
    if (config.channel === 'email') return customerContact(data, 'email');
    if (config.channel === 'sms') return customerContact(data, 'phone');
  }
  const assignee = data.ticket?.assignee ?? data.ticket?.team;
  return typeof assignee === 'string' ? assignee : undefined;
}

/**
 * A dry run notes the message it would send, rendered in the customer's
 * language exactly as they would read it, with the fields that had no value
 * beside it, and sends nothing.
 */
export const sendMessageModule: ActivityModule<'action.send_message', unknown> = {
  type: 'action.send_message',
  handler: () => sendMessageActivity,
  simulate: (command, simulation) => {
    const { config, input } = command;
    const locale = localeOf(input);
    const subject = renderTemplate(pickLocalized(config.subject, locale), input, { locale });
    const body = renderTemplate(pickLocalized(config.body, locale), input, { locale });
    const missing = [...new Set([...subject.missing, ...body.missing])];
    simulation.note('message', `${config.channel}: ${body.text}`, missing);
    return simulated();
  },
};

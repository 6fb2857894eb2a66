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
import type { StoreRepositories } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../../app-ports.ts';

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
        const recipients = await recipientsOf(ctx.tx, config, data);
        if (recipients.length === 0) return noRecipient();
        // One delivery per address, each under its own key: a retry sends none twice.
        for (const to of recipients) {
          const key = recipients.length === 1 ? ctx.idempotencyKey : `${ctx.idempotencyKey}:${to}`;
          await enqueue(ctx, command, data, { channel: config.channel, to, ...message }, key);
        }
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
  idempotencyKey: string,
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
    idempotencyKey,
  });
}

function present(value: string | undefined): string[] {
  return value ? [value] : [];
}

/**
 * Where an email, SMS or webhook goes. A reminder to the ticket's assignee or
 * team by email goes to the email of the user account each agent signs in
 * with (active accounts only), the team's members when nobody is assigned or
 * `to` is the team. Staff have no phone number on record, so an SMS to them has
 * no recipient. (An agent's or team's id is never an address.)
 */
async function recipientsOf(
  tx: StoreRepositories,
  config: SendMessageConfig,
  data: FlowData,
): Promise<string[]> {
  if (config.channel === 'webhook') return present(config.url ?? config.address);
  if (config.to === 'address') return present(config.address);
  if (config.to === 'customer') {
    if (config.channel === 'email') return present(customerContact(data, 'email'));
    return present(customerContact(data, 'phone'));
  }
  if (config.channel !== 'email') return [];
  const staff = inboxRecipient(config.to, data);
  if (!staff) return [];
  const agents =
    staff.kind === 'agent'
      ? [await tx.agents.get(staff.id)]
      : await tx.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID, team: staff.id });
  const emails = new Set<string>();
  for (const agent of agents) {
    if (!agent?.userId || agent.workspaceId !== DEFAULT_WORKSPACE_ID) continue;
    const user = await tx.users.get(agent.userId);
    if (user && user.deactivatedAt === null) emails.add(user.email);
  }
  return [...emails].sort();
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

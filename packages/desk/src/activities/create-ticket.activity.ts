import { type FlowData, renderTemplate } from '@flowdesk/engine';
import type { NodeConfig } from '@flowdesk/model';
import type { DeskDeps } from '../desk-deps.ts';
import { ticketData } from '../desk-flow-data.ts';
import { createTicket } from '../tickets/ticket-create.ts';
import type { ActivityModule, InlineActivityContext, TypedActivityHandler } from './activity.types.ts';
import { executionActor, failure, localeOf, scopeFor } from './activity-support.ts';
import { renderCustomFields } from './custom-field-values.ts';
import { simulated } from './simulation-support.ts';

type CreateTicketConfig = NodeConfig<'action.create_ticket'>;

type Loose = Record<string, unknown> | undefined;

/**
 * The category the ticket gets, and whether it is only a guess: a classifier
 * result below its threshold (or marked ambiguous) parks the ticket for a
 * person to confirm. A category written into the node is never a guess.
 */
export function categoryOf(
  config: CreateTicketConfig,
  data: FlowData,
): { category: string | null; guess: boolean } {
  if (config.category) return { category: config.category, guess: false };
  const classification = data.classification as Loose;
  const classified = typeof classification?.category === 'string' ? classification.category : null;
  if (classification) {
    const confidence = classification.confidence;
    const threshold = classification.threshold;
    const low =
      classification.ambiguous === true ||
      classification.lowConfidence === true ||
      (typeof confidence === 'number' && typeof threshold === 'number' && confidence < threshold);
    return { category: classified, guess: low || classified === null };
  }
  const requested = (data.request as Loose)?.category;
  return { category: typeof requested === 'string' && requested ? requested : null, guess: false };
}

/**
 * Renders title, description and custom fields against the flow data. Values
 * are inserted as text and never parsed again, so whatever the customer wrote
 * is kept literally.
 */
function render(template: string, data: FlowData, locale: ReturnType<typeof localeOf>): string {
  return renderTemplate(template, data, { locale }).text;
}

/**
 * The title's template in the request's language, as replies pick theirs: one title for every
 * language (older flows) is used as it is; a language left empty takes the other one.
 */
export function titleTemplate(
  title: CreateTicketConfig['title'],
  locale: ReturnType<typeof localeOf>,
): string {
  if (typeof title === 'string') return title;
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return [title[locale], title[other]].find((candidate) => candidate?.trim()) ?? '';
}

/** The title as rendered; one that comes out blank (its fields have no value) starts with the message instead. */
function ticketTitle(
  config: CreateTicketConfig,
  data: FlowData,
  locale: ReturnType<typeof localeOf>,
): string {
  const rendered = render(titleTemplate(config.title, locale), data, locale).trim();
  return rendered || String(data.request?.message ?? '').slice(0, 80);
}

export function createTicketActivity(deps: DeskDeps): TypedActivityHandler<'action.create_ticket'> {
  return {
    mode: 'inline',
    async run(command, ctx) {
      const config = command.config;
      const data = command.input;
      const locale = localeOf(data);
      const customFields = renderCustomFields(config.customFields ?? {}, data, locale);
      const { category, guess } = categoryOf(config, data);
      const customerId = typeof data.customer?.id === 'string' ? data.customer.id : null;
      const result = await createTicket(
        scopeFor(ctx, deps),
        {
          title: ticketTitle(config, data, locale),
          description: render(config.description, data, locale),
          channel: typeof data.request?.channel === 'string' ? data.request.channel : 'api',
          category,
          priority: config.priority,
          team: config.team ?? null,
          customerId,
          customFields,
          createdByKey: ctx.idempotencyKey,
          needsConfirmation: guess,
        },
        { actor: executionActor(ctx) },
      );
      if (!result.ok) return failure(result.error);
      const { ticket } = result.value;
      ctx.produce({ kind: 'ticket', number: ticket.number });
      await linkConversation(ctx, data, ticket.id);
      return { ok: true, output: { ticket: ticketData(ticket, deps) } };
    },
  };
}

/**
 * The request's conversation (chat, email thread, WeChat follower) belongs to
 * the ticket from now on, so an agent's reply finds its way back. Done here
 * rather than by the channel because a ticket may be created steps after the
 * intake answered (after an order lookup, a wait).
 */
async function linkConversation(ctx: InlineActivityContext, data: FlowData, ticketId: string): Promise<void> {
  if (ctx.dryRun) return;
  const metadata = data.request?.metadata as Record<string, unknown> | undefined;
  const conversationId = metadata?.conversationId;
  if (typeof conversationId !== 'string' || !conversationId) return;
  // The newest ticket wins: a chat that goes on after its ticket was closed opens a new one.
  await ctx.tx.conversations.linkTicket(conversationId, ticketId, ctx.now.toISOString());
}

/** A dry run shows the ticket the node would create: the first number of the day, nothing stored. */
export const createTicketModule: ActivityModule<'action.create_ticket', DeskDeps> = {
  type: 'action.create_ticket',
  handler: createTicketActivity,
  simulate: (command, simulation) => {
    const { config, input } = command;
    return simulated({
      ticket: {
        id: 'dry-run-ticket',
        number: `CS${simulation.today.replaceAll('-', '')}001`,
        link: 'https://example.invalid/t/dry-run',
        title: ticketTitle(config, input, localeOf(input)),
        status: 'new',
        priority: config.priority === 'auto' || !config.priority ? 'medium' : config.priority,
        team: config.team ?? null,
        category: input.classification?.category ?? null,
      },
    });
  },
};

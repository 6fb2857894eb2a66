import { type ActivityResult, type FlowData, renderTemplate } from '@flowdesk/engine';
import {
  acceptsStatusChange,
  checkSolution,
  type NodeConfig,
  TICKET_STATUSES,
  type TicketStatus,
} from '@flowdesk/model';
import type { Ticket } from '@flowdesk/store';
import type { DeskDeps } from '../desk-deps.ts';
import { type DeskResult, invalidTransition } from '../desk-errors.ts';
import { ticketData } from '../desk-flow-data.ts';
import { changeTicketStatus } from '../tickets/ticket-lifecycle.ts';
import { allowedTransitions, solutionRefusal } from '../tickets/ticket-status.ts';
import { addInternalNote, updateTicketFields } from '../tickets/ticket-update.ts';
import type { ActivityModule, TypedActivityHandler } from './activity.types.ts';
import {
  executionActor,
  failure,
  localeOf,
  missingTicket,
  runOnce,
  scopeFor,
  ticketIdOf,
} from './activity-support.ts';
import { renderCustomFields } from './custom-field-values.ts';
import { simulated } from './simulation-support.ts';

/**
 * Applies the node's changes: fields first, then the note, then the status
 * (so a resolve sees the new fields). Resolving from a flow uses the rendered
 * note as the solution summary.
 */
export function updateTicketActivity(deps: DeskDeps): TypedActivityHandler<'action.update_ticket'> {
  return {
    mode: 'inline',
    run: (command, ctx) =>
      runOnce(command, ctx, async () => {
        const config = command.config;
        const data = command.input;
        const ticketId = ticketIdOf(data);
        if (!ticketId) return missingTicket();
        const scope = scopeFor(ctx, deps);
        const actor = executionActor(ctx);
        const locale = localeOf(data);
        const customFields = renderCustomFields(config.customFields ?? {}, data, locale);
        let result: DeskResult<Ticket> = await updateTicketFields(
          scope,
          ticketId,
          {
            ...(config.priority ? { priority: config.priority } : {}),
            ...(config.team ? { team: config.team } : {}),
            ...(config.addTags?.length ? { addTags: config.addTags } : {}),
            ...(Object.keys(customFields).length > 0 ? { customFields } : {}),
          },
          { actor },
        );
        if (!result.ok) return failure(result.error);
        const note = renderedNote(config, data);
        if (note) {
          const added = await addInternalNote(scope, ticketId, note, {
            actor,
            noteId: `note:${ctx.idempotencyKey}`,
          });
          if (!added.ok) return failure(added.error);
        }
        if (config.status) {
          result = await changeTicketStatus(scope, ticketId, config.status, {
            actor,
            ...(note ? { solution: note, note } : {}),
            dedupeKey: ctx.idempotencyKey,
          });
          if (!result.ok) return failure(result.error);
        }
        return { ok: true, output: { ticket: ticketData(result.value, deps) } };
      }),
  };
}

/** The step's note as written to the ticket, and as the solution summary when it resolves one. */
function renderedNote(config: NodeConfig<'action.update_ticket'>, data: FlowData): string | undefined {
  return config.note?.trim() ? renderTemplate(config.note, data, { locale: localeOf(data) }).text : undefined;
}

/**
 * A dry run has no stored ticket to change, but it knows the status the steps
 * before gave the made-up ticket: a change the lifecycle or the solution rule
 * refuses fails here with the desk's own error, as the live step would, and an
 * accepted one moves the ticket on for the steps after it.
 */
export function simulateUpdateTicket(
  config: NodeConfig<'action.update_ticket'>,
  data: FlowData,
): ActivityResult {
  const from = simulatedStatus(data);
  const to = config.status;
  if (to === undefined || from === undefined) return simulated();
  if (!acceptsStatusChange(from, to)) return failure(invalidTransition(from, to, allowedTransitions(from)));
  const solution = checkSolution(from, to, renderedNote(config, data));
  if (!solution.ok) return failure(solutionRefusal(solution.problem));
  return simulated({
    ticket: {
      status: to,
      ...(config.priority ? { priority: config.priority } : {}),
      ...(config.team ? { team: config.team } : {}),
    },
  });
}

function simulatedStatus(data: FlowData): TicketStatus | undefined {
  const status = data.ticket?.status;
  return TICKET_STATUSES.values.find((known) => known === status);
}

export const updateTicketModule: ActivityModule<'action.update_ticket', DeskDeps> = {
  type: 'action.update_ticket',
  handler: updateTicketActivity,
  simulate: ({ config, input }) => simulateUpdateTicket(config, input),
};

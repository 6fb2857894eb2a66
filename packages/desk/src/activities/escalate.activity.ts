import { renderTemplate } from '@flowdesk/engine';
import type { DeskDeps } from '../desk-deps.ts';
import { escalateTicket } from '../routing/escalation.ts';
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
import { simulated } from './simulation-support.ts';

export function escalateActivity(deps: DeskDeps): TypedActivityHandler<'action.escalate'> {
  return {
    mode: 'inline',
    run: (command, ctx) =>
      runOnce(command, ctx, async () => {
        const config = command.config;
        const data = command.input;
        const ticketId = ticketIdOf(data);
        if (!ticketId) return missingTicket();
        const reason = renderTemplate(config.reason, data, { locale: localeOf(data) }).text;
        const result = await escalateTicket(
          scopeFor(ctx, deps),
          ticketId,
          { queue: config.queue, reason, raisePriority: config.raisePriority },
          { actor: executionActor(ctx), dedupeKey: ctx.idempotencyKey },
        );
        if (!result.ok) return failure(result.error);
        const { ticket } = result.value;
        return {
          ok: true,
          output: {
            ticket: {
              team: ticket.team,
              priority: ticket.priority,
              assignee: ticket.assignee,
              status: ticket.status,
            },
          },
        };
      }),
  };
}

export const escalateModule: ActivityModule<'action.escalate', DeskDeps> = {
  type: 'action.escalate',
  handler: escalateActivity,
  simulate: () => simulated({ ticket: { team: 'supervisor' } }),
};

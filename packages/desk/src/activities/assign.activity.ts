import type { DeskDeps } from '../desk-deps.ts';
import { assignTicket } from '../routing/routing-service.ts';
import type { ActivityModule, TypedActivityHandler } from './activity.types.ts';
import { executionActor, failure, missingTicket, runOnce, scopeFor, ticketIdOf } from './activity-support.ts';
import { simulated } from './simulation-support.ts';

export function assignActivity(deps: DeskDeps): TypedActivityHandler<'action.assign'> {
  return {
    mode: 'inline',
    run: (command, ctx) =>
      runOnce(command, ctx, async () => {
        const config = command.config;
        const ticketId = ticketIdOf(command.input);
        if (!ticketId) return missingTicket();
        const target =
          config.target === 'agent'
            ? {
                target: 'agent' as const,
                agentId: config.agentId ?? '',
                ...(config.teamId ? { teamId: config.teamId } : {}),
              }
            : {
                target: 'team' as const,
                teamId: config.teamId ?? '',
                strategy: config.strategy,
                skills: config.skills ?? [],
              };
        const result = await assignTicket(scopeFor(ctx, deps), ticketId, target, {
          actor: executionActor(ctx),
          dedupeKey: ctx.idempotencyKey,
        });
        if (!result.ok) return failure(result.error);
        const { ticket, queued } = result.value;
        return {
          ok: true,
          output: { ticket: { assignee: ticket.assignee, team: ticket.team, status: ticket.status, queued } },
        };
      }),
  };
}

/** A dry run assigns to the node's team or agent, or to a stand-in agent when routing would pick one. */
export const assignModule: ActivityModule<'action.assign', DeskDeps> = {
  type: 'action.assign',
  handler: assignActivity,
  simulate: ({ config }) =>
    simulated({
      ticket: {
        status: 'assigned',
        team: config.teamId ?? null,
        assignee: config.agentId ?? 'dry-run-agent',
      },
    }),
};

import type { AssignStrategy } from '@flowdesk/model';
import type { DeskDeps } from '../desk-deps.ts';
import { assignTicket } from '../routing/routing-service.ts';
import type { ActivityHandler } from './activity.types.ts';
import { executionActor, failure, missingTicket, runOnce, scopeFor, ticketIdOf } from './activity-support.ts';

interface AssignConfig {
  target: 'team' | 'agent';
  teamId?: string;
  agentId?: string;
  strategy: AssignStrategy;
  skills: string[];
  /** Queues always put VIP customers first; kept for the editor. */
  vipFirst: boolean;
}

export function assignActivity(deps: DeskDeps): ActivityHandler {
  return {
    mode: 'inline',
    run: (command, ctx) =>
      runOnce(ctx, async () => {
        const config = command.config as unknown as AssignConfig;
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

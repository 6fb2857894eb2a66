import { type AssignTarget, assignTicket, type DeskResult, deskMessage } from '@flowdesk/desk';
import type { LocalizedText } from '@flowdesk/model';
import type { TicketActor } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { inDesk } from '../tickets/ticket-actions.ts';

/**
 * A supervisor moves up to 100 tickets at once (issue 13, item 5). Each ticket
 * goes through the desk's assignTicket, the rule a single reassign
 * (`tickets.assign`) uses: the lifecycle refuses a finished ticket, naming an
 * agent counts against their capacity without being refused by it, a team
 * hands the ticket to an available member by its strategy or queues it. Each
 * ticket has its own transaction, so one refusal leaves the others done, and
 * each answers its own result. An id that is unknown or belongs to another
 * workspace is reported as not found, like any refusal.
 */

export const BULK_REASSIGN_LIMIT = 100;

export interface BulkReassignInput {
  ticketIds: readonly string[];
  team?: string | undefined;
  agentId?: string | undefined;
}

export type BulkReassignResult =
  | { id: string; ok: true; number: string; team: string | null; assignee: string | null }
  | { id: string; ok: false; code: string; message: LocalizedText };

function notFound(what: 'ticket' | 'team' | 'agent', id: string) {
  return deskMessage('desk.not_found', { what, id });
}

/** An unknown target would refuse every ticket alike: the whole call is refused instead, changing nothing. */
async function checkTarget(services: AppServices, input: BulkReassignInput): Promise<void> {
  const refuse = (what: 'team' | 'agent', id: string) => {
    const message = notFound(what, id);
    throw new AppError('not_found', 'desk_not_found', {
      params: { zh: message['zh-CN'], en: message.en },
      pointer: what === 'team' ? '/team' : '/agentId',
      extra: { reason: 'desk.not_found', what, id },
    });
  };
  if (input.agentId !== undefined) {
    const agent = await services.store.agents.get(input.agentId);
    if (agent?.workspaceId !== DEFAULT_WORKSPACE_ID) refuse('agent', input.agentId);
  }
  if (input.team !== undefined) {
    const team = await services.store.teams.get(input.team);
    if (team?.workspaceId !== DEFAULT_WORKSPACE_ID) refuse('team', input.team);
  }
}

function targetOf(input: BulkReassignInput): AssignTarget {
  if (input.agentId !== undefined) {
    return { target: 'agent', agentId: input.agentId, ...(input.team ? { teamId: input.team } : {}) };
  }
  if (input.team === undefined) throw new Error('bulk reassign needs a team or an agent');
  // The strategy tickets.assign uses when none is named.
  return { target: 'team', teamId: input.team, strategy: 'round_robin' };
}

async function reassignOne(
  services: AppServices,
  id: string,
  target: AssignTarget,
  actor: TicketActor,
): Promise<BulkReassignResult> {
  const outcome: DeskResult<BulkReassignResult> = await inDesk(services, async (scope) => {
    const ticket = await scope.tx.tickets.get(id);
    if (ticket?.workspaceId !== DEFAULT_WORKSPACE_ID) {
      return {
        ok: false,
        error: { code: 'desk.not_found', what: 'ticket', id, message: notFound('ticket', id) },
      };
    }
    const assigned = await assignTicket(scope, id, target, { actor });
    if (!assigned.ok) return assigned;
    const { number, team, assignee } = assigned.value.ticket;
    return { ok: true, value: { id, ok: true, number, team, assignee } };
  });
  return outcome.ok
    ? outcome.value
    : { id, ok: false, code: outcome.error.code, message: outcome.error.message };
}

export async function bulkReassign(
  services: AppServices,
  input: BulkReassignInput,
  actor: TicketActor,
): Promise<BulkReassignResult[]> {
  await checkTarget(services, input);
  const target = targetOf(input);
  const results: BulkReassignResult[] = [];
  // One after another: each assignment reads the capacity the previous one took.
  for (const id of new Set(input.ticketIds)) results.push(await reassignOne(services, id, target, actor));
  return results;
}

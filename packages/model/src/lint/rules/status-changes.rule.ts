import {
  acceptsStatusChange,
  canTransition,
  checkSolution,
  SOLUTION_MAX_LENGTH,
} from '../../ticket-lifecycle.ts';
import { TICKET_STATUSES, type TicketStatus } from '../../vocabulary.ts';
import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';

/**
 * An Update ticket step that asks for a status the ticket cannot move to from
 * where it is (a ticket just created is `new`, and `new → waiting_for_customer`
 * is not a transition) is refused by the desk when it runs. The statuses a
 * ticket may have before each node follow from the steps on the way: creating
 * it, assigning it, changing its status. A trigger that brings a ticket, or a
 * wait (agents work meanwhile), leaves any status possible and nothing to check.
 * The lifecycle is the one the desk enforces (ticket-lifecycle.ts).
 */

/** Every status is possible: the ticket came from elsewhere, or time passed. */
type Statuses = ReadonlySet<TicketStatus> | 'any';

const STATUS_ORDER: readonly TicketStatus[] = TICKET_STATUSES.values;

export function lintStatusChanges(context: LintContext): Problem[] {
  const before = statusesBefore(context);
  const problems: Problem[] = [];
  for (const [nodeId, definition] of context.definitions) {
    if (definition.type !== 'action.update_ticket') continue;
    const to = (context.configs.get(nodeId) as { status?: TicketStatus } | undefined)?.status;
    const possible = before.get(nodeId);
    const solution = solutionProblem(nodeId, context, to, possible);
    if (solution) problems.push(solution);
    if (to === undefined || possible === undefined || possible === 'any' || possible.size === 0) continue;
    const refused = STATUS_ORDER.filter((from) => possible.has(from) && !acceptsStatusChange(from, to));
    if (refused.length === 0) continue;
    const labels = TICKET_STATUSES.labels;
    // What every status the ticket may have here can move to.
    const allowed = STATUS_ORDER.filter((next) => [...possible].every((from) => canTransition(from, next)));
    const params = {
      fromZh: refused.map((status) => labels[status]['zh-CN']).join('」或「'),
      fromEn: refused.map((status) => labels[status].en).join(' or '),
      toZh: labels[to]['zh-CN'],
      toEn: labels[to].en,
      allowedZh: allowed.map((status) => labels[status]['zh-CN']).join('、') || '无',
      allowedEn: allowed.map((status) => labels[status].en).join(', ') || 'none',
    };
    const everyPath = refused.length === possible.size;
    const code = everyPath ? 'ticket.status_change_refused' : 'ticket.status_change_may_be_refused';
    problems.push({
      code,
      severity: everyPath ? 'error' : 'warning',
      nodeId,
      field: 'config.status',
      message: message(code, params),
    });
  }
  return problems;
}

/**
 * A resolve the solution rule refuses (checkSolution, which the desk and the
 * dry run apply too): the step's note is the solution summary, so a blank
 * note, or a note without template tags that is too long, fails when it runs.
 * A note with tags is only known once rendered; the dry run checks that one.
 * `any` status includes `resolved`, where the change is a no-op: a warning then.
 */
function solutionProblem(
  nodeId: string,
  context: LintContext,
  to: TicketStatus | undefined,
  possible: Statuses | undefined,
): Problem | undefined {
  if (to === undefined || possible === undefined || (possible !== 'any' && possible.size === 0))
    return undefined;
  const note = (context.configs.get(nodeId) as { note?: unknown } | undefined)?.note;
  const text = typeof note === 'string' ? note : '';
  if (text.includes('{{') || text.includes('{%')) return undefined;
  const froms = possible === 'any' ? STATUS_ORDER : STATUS_ORDER.filter((status) => possible.has(status));
  const refusals = froms.map((from) => checkSolution(from, to, text)).filter((check) => !check.ok);
  const first = refusals[0];
  if (!first || first.ok) return undefined;
  const everyPath = refusals.length === froms.length;
  const some = everyPath
    ? {}
    : { someZh: '，在工单尚未解决的路径上', someEn: ' on paths where the ticket is not resolved yet' };
  const code =
    first.problem === 'solution_required' ? 'ticket.solution_required' : 'ticket.solution_too_long';
  const params = { ...some, limit: SOLUTION_MAX_LENGTH, length: Array.from(text.trim()).length };
  return {
    code,
    severity: everyPath ? 'error' : 'warning',
    nodeId,
    field: 'config.note',
    message: message(code, params),
  };
}

/**
 * Forward data flow: the statuses a ticket may have before a node are the
 * union over incoming edges of what the source leaves on that port. Sets only
 * grow and `any` is the top, so this settles.
 */
function statusesBefore(context: LintContext): Map<string, Statuses> {
  const before = new Map<string, Statuses>();
  const queue: string[] = [];
  for (const triggerId of context.triggerIds) {
    const definition = context.definitions.get(triggerId);
    const config = context.configs.get(triggerId);
    const bringsTicket = config !== undefined && (definition?.provides?.(config) ?? []).includes('ticket');
    before.set(triggerId, bringsTicket ? 'any' : new Set());
    queue.push(triggerId);
  }
  const flowClassifies = [...context.definitions.values()].some((d) => d.type === 'logic.classify');
  while (queue.length > 0) {
    const nodeId = queue.shift() as string;
    const current = before.get(nodeId) ?? new Set<TicketStatus>();
    for (const edge of context.usableEdges) {
      if (edge.source !== nodeId) continue;
      const after = statusesAfter(context, nodeId, edge.sourcePort, current, flowClassifies);
      const existing = before.get(edge.target);
      const joined = join(existing, after);
      if (existing === undefined || size(joined) !== size(existing)) {
        before.set(edge.target, joined);
        queue.push(edge.target);
      }
    }
  }
  return before;
}

/** What the ticket's status may be after a node left by `port`, as the desk would leave it. */
function statusesAfter(
  context: LintContext,
  nodeId: string,
  port: string,
  current: Statuses,
  flowClassifies: boolean,
): Statuses {
  const definition = context.definitions.get(nodeId);
  const config = context.configs.get(nodeId) as Record<string, unknown> | undefined;
  if (!definition || config === undefined || port === 'error') return current;
  switch (definition.type) {
    case 'action.create_ticket':
      // A Classify step's unsure guess parks the ticket for a person to confirm; a category in the node never does.
      return new Set<TicketStatus>(
        config.category || !flowClassifies ? ['new'] : ['new', 'pending_confirmation'],
      );
    case 'action.update_ticket':
      return typeof config.status === 'string' ? new Set([config.status as TicketStatus]) : current;
    case 'action.assign':
    case 'action.escalate':
      // New and parked tickets become assigned when someone takes them, and keep their status while queued.
      return mapStatuses(current, (status) =>
        status === 'new' || status === 'pending_confirmation' ? [status, 'assigned'] : [status],
      );
    case 'timing.wait_for_event':
      if (port === 'received' && config.event === 'ticket_status') {
        return new Set(config.statuses as TicketStatus[]);
      }
      return 'any';
    default:
      return definition.waits ? 'any' : current;
  }
}

function mapStatuses(current: Statuses, next: (status: TicketStatus) => TicketStatus[]): Statuses {
  return current === 'any' ? 'any' : new Set([...current].flatMap(next));
}

function join(existing: Statuses | undefined, added: Statuses): Statuses {
  if (existing === undefined) return added;
  if (existing === 'any' || added === 'any') return 'any';
  return new Set([...existing, ...added]);
}

function size(statuses: Statuses): number {
  return statuses === 'any' ? Number.POSITIVE_INFINITY : statuses.size;
}

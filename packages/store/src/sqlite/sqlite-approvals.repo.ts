import type {
  ApprovalFact,
  ApprovalQuery,
  ApprovalRepository,
  ApprovalRequest,
  ApprovalStatus,
} from '../port/approval.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext } from './sqlite-context.ts';

interface ApprovalRow {
  id: string;
  workspace_id: string;
  execution_id: string;
  seq: number;
  flow_id: string;
  version: number;
  node_id: string;
  ticket_id: string | null;
  ticket_number: string | null;
  decider_kind: string;
  decider_team: string | null;
  question: string;
  facts: string;
  status: string;
  created_at: string;
  timeout_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  note: string;
}

const toRequest = (row: ApprovalRow): ApprovalRequest => ({
  id: row.id,
  workspaceId: row.workspace_id,
  executionId: row.execution_id,
  seq: row.seq,
  flowId: row.flow_id,
  version: row.version,
  nodeId: row.node_id,
  ticketId: row.ticket_id,
  ticketNumber: row.ticket_number,
  decider:
    row.decider_kind === 'team' && row.decider_team
      ? { kind: 'team', teamId: row.decider_team }
      : { kind: 'supervisor' },
  question: row.question,
  facts: parseJson<ApprovalFact[]>(row.facts),
  status: row.status as ApprovalStatus,
  createdAt: row.created_at,
  timeoutAt: row.timeout_at,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  note: row.note,
});

/** The WHERE clause and its values for pending requests a query may see. */
function pendingFilter(query: ApprovalQuery): { where: string; values: unknown[] } {
  const values: unknown[] = [query.workspaceId];
  let where = "workspace_id = ? AND status = 'pending'";
  if (query.teams) {
    if (query.teams.length === 0) return { where: '0', values: [] };
    where += ` AND decider_team IN (${query.teams.map(() => '?').join(', ')})`;
    values.push(...query.teams);
  }
  if (query.ticketId !== undefined) {
    where += ' AND ticket_id = ?';
    values.push(query.ticketId);
  }
  return { where, values };
}

export function createSqliteApprovalRepository(ctx: SqliteContext): ApprovalRepository {
  const { statement, run, atomic } = ctx;
  const byId = (id: string) =>
    statement('SELECT * FROM approval_requests WHERE id = ?').get(id) as ApprovalRow | undefined;
  return {
    create(request) {
      return run(() =>
        atomic(() => {
          statement(
            `INSERT OR IGNORE INTO approval_requests (id, workspace_id, execution_id, seq, flow_id, version,
               node_id, ticket_id, ticket_number, decider_kind, decider_team, question, facts, status,
               created_at, timeout_at, decided_by, decided_at, note)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, NULL, NULL, '')`,
          ).run(
            request.id,
            request.workspaceId,
            request.executionId,
            request.seq,
            request.flowId,
            request.version,
            request.nodeId,
            request.ticketId,
            request.ticketNumber,
            request.decider.kind,
            request.decider.kind === 'team' ? request.decider.teamId : null,
            request.question,
            JSON.stringify(request.facts),
            normalizeIso(request.createdAt),
            request.timeoutAt ? normalizeIso(request.timeoutAt) : null,
          );
          const row = statement('SELECT * FROM approval_requests WHERE execution_id = ? AND seq = ?').get(
            request.executionId,
            request.seq,
          ) as ApprovalRow;
          return toRequest(row);
        }),
      );
    },
    get(id) {
      return run(() => {
        const row = byId(id);
        return row ? toRequest(row) : null;
      });
    },
    listPending(query) {
      return run(() => {
        const { where, values } = pendingFilter(query);
        const rows = statement(
          `SELECT * FROM approval_requests WHERE ${where} ORDER BY created_at, id LIMIT ?`,
        ).all(...values, query.limit ?? 200) as ApprovalRow[];
        return rows.map(toRequest);
      });
    },
    countPending(query) {
      return run(() => {
        const { where, values } = pendingFilter(query);
        const row = statement(`SELECT COUNT(*) AS n FROM approval_requests WHERE ${where}`).get(
          ...values,
        ) as {
          n: number;
        };
        return row.n;
      });
    },
    decide(id, decision) {
      return run(() => {
        const changed = statement(
          `UPDATE approval_requests SET status = ?, decided_by = ?, decided_at = ?, note = ?
             WHERE id = ? AND status = 'pending'`,
        ).run(decision.status, decision.by, normalizeIso(decision.at), decision.note, id).changes;
        if (changed === 0) return null;
        const row = byId(id);
        return row ? toRequest(row) : null;
      });
    },
    close(executionId, seq, status, at) {
      return run(
        () =>
          statement(
            `UPDATE approval_requests SET status = ?, decided_at = ?
               WHERE execution_id = ? AND seq = ? AND status = 'pending'`,
          ).run(status, normalizeIso(at), executionId, seq).changes > 0,
      );
    },
  };
}

import type {
  AnsweredSurveyQuery,
  Survey,
  SurveyChannel,
  SurveyKind,
  SurveyRepository,
} from '../port/survey.types.ts';
import { decodeExecutionCursor, encodeExecutionCursor } from '../shared/execution-cursor.ts';
import { executionPageSize } from '../shared/page-size.ts';
import { normalizeIso } from '../shared/time.ts';
import { type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface SurveyRow {
  id: string;
  workspace_id: string;
  token_hash: string;
  kind: string;
  ticket_id: string | null;
  customer_id: string | null;
  execution_id: string | null;
  channel: string;
  locale: string;
  question: string;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
  score: number | null;
  comment: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_note: string | null;
}

const toSurvey = (row: SurveyRow): Survey => ({
  id: row.id,
  workspaceId: row.workspace_id,
  tokenHash: row.token_hash,
  kind: row.kind as SurveyKind,
  ticketId: row.ticket_id,
  customerId: row.customer_id,
  executionId: row.execution_id,
  channel: row.channel as SurveyChannel,
  locale: row.locale,
  question: row.question,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  answeredAt: row.answered_at,
  score: row.score,
  comment: row.comment,
  reviewedAt: row.reviewed_at,
  reviewedBy: row.reviewed_by,
  reviewNote: row.review_note,
});

// surveys_by_answered (migration 026) serves the range; pages use the executions' cursor shape.
function answeredWhere(query: Omit<AnsweredSurveyQuery, 'limit'>): { sql: string; params: unknown[] } {
  const where = ['workspace_id = ?', 'answered_at IS NOT NULL', 'answered_at >= ?', 'answered_at < ?'];
  const params: unknown[] = [query.workspaceId, normalizeIso(query.from), normalizeIso(query.to)];
  if (query.kind) {
    where.push('kind = ?');
    params.push(query.kind);
  }
  if (query.maxScore !== undefined) {
    where.push('score <= ?');
    params.push(query.maxScore);
  }
  if (query.review)
    where.push(query.review === 'waiting' ? 'reviewed_at IS NULL' : 'reviewed_at IS NOT NULL');
  if (query.cursor) {
    const cursor = decodeExecutionCursor(query.cursor);
    where.push('(answered_at < ? OR (answered_at = ? AND id < ?))');
    params.push(cursor.startedAt, cursor.startedAt, cursor.id);
  }
  return { sql: where.join(' AND '), params };
}

export function createSqliteSurveyRepository(ctx: SqliteContext): SurveyRepository {
  const { statement, run } = ctx;
  const get = (id: string) => {
    const row = statement('SELECT * FROM surveys WHERE id = ?').get(id) as SurveyRow | undefined;
    return row ? toSurvey(row) : null;
  };
  return {
    create(survey) {
      return run(() => {
        try {
          statement(
            `INSERT INTO surveys (id, workspace_id, token_hash, kind, ticket_id, customer_id, execution_id,
               channel, locale, question, created_at, expires_at, answered_at, score, comment)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)`,
          ).run(
            survey.id,
            survey.workspaceId,
            survey.tokenHash,
            survey.kind,
            survey.ticketId,
            survey.customerId,
            survey.executionId,
            survey.channel,
            survey.locale,
            survey.question,
            normalizeIso(survey.createdAt),
            normalizeIso(survey.expiresAt),
          );
        } catch (error) {
          translateConstraint(error, `survey ${survey.id}`);
        }
        return get(survey.id) as Survey;
      });
    },
    get(id) {
      return run(() => get(id));
    },
    getByTokenHash(tokenHash) {
      return run(() => {
        const row = statement('SELECT * FROM surveys WHERE token_hash = ?').get(tokenHash) as
          | SurveyRow
          | undefined;
        return row ? toSurvey(row) : null;
      });
    },
    answer(id, answer) {
      return run(() => {
        // The condition on answered_at makes the second of two racing answers change nothing.
        const changed = statement(
          'UPDATE surveys SET answered_at = ?, score = ?, comment = ? WHERE id = ? AND answered_at IS NULL',
        ).run(normalizeIso(answer.answeredAt), answer.score, answer.comment, id).changes;
        const survey = get(id);
        if (!survey) return { ok: false as const, reason: 'not_found' as const };
        if (changed === 0) return { ok: false as const, reason: 'answered' as const };
        return { ok: true as const, survey };
      });
    },
    listByTickets(ticketIds) {
      return run(() => {
        if (ticketIds.length === 0) return [];
        const marks = ticketIds.map(() => '?').join(', ');
        // surveys_by_ticket (migration 007) serves the IN list.
        const rows = statement(
          `SELECT * FROM surveys WHERE ticket_id IN (${marks}) ORDER BY created_at, id`,
        ).all(...ticketIds) as SurveyRow[];
        return rows.map(toSurvey);
      });
    },
    listAnswered(query) {
      return run(() => {
        const limit = executionPageSize(query.limit);
        const { sql, params } = answeredWhere(query);
        // One extra row tells whether another page exists without a COUNT.
        const rows = statement(
          `SELECT * FROM surveys WHERE ${sql} ORDER BY answered_at DESC, id DESC LIMIT ?`,
        ).all(...params, limit + 1) as SurveyRow[];
        const items = rows.slice(0, limit).map(toSurvey);
        const last = items.at(-1);
        const nextCursor =
          rows.length > limit && last?.answeredAt
            ? encodeExecutionCursor({ startedAt: last.answeredAt, id: last.id })
            : null;
        return { items, nextCursor };
      });
    },
    countAnswered(query) {
      return run(() => {
        const { sql, params } = answeredWhere({ ...query, cursor: null });
        const row = statement(`SELECT COUNT(*) AS n FROM surveys WHERE ${sql}`).get(...params) as {
          n: number;
        };
        return row.n;
      });
    },
    markReviewed(id, review) {
      return run(() => {
        // The condition on reviewed_at makes the second of two racing reviews change nothing.
        const changed = statement(
          `UPDATE surveys SET reviewed_at = ?, reviewed_by = ?, review_note = ?
           WHERE id = ? AND answered_at IS NOT NULL AND reviewed_at IS NULL`,
        ).run(normalizeIso(review.at), review.by, review.note, id).changes;
        const survey = get(id);
        if (!survey) return { ok: false as const, reason: 'not_found' as const };
        if (changed > 0) return { ok: true as const, survey };
        return {
          ok: false as const,
          reason: survey.answeredAt ? ('reviewed' as const) : ('not_answered' as const),
        };
      });
    },
  };
}

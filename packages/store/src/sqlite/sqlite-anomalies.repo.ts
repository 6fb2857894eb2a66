import {
  type Anomaly,
  type AnomalyRepository,
  type AnomalyStatus,
  anomalyListLimit,
  type CreatedTicketRow,
  TICKET_WINDOW_DEFAULT_LIMIT,
} from '../port/anomaly.types.ts';
import type { JsonObject } from '../port/json.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext } from './sqlite-context.ts';

interface AnomalyRow {
  id: string;
  workspace_id: string;
  series_kind: string;
  series_key: string;
  hour: string;
  value: number;
  baseline: number;
  score: number;
  volume: number;
  status: string;
  detected_at: string;
  acked_by: string | null;
  acked_at: string | null;
}

const toAnomaly = (row: AnomalyRow): Anomaly => ({
  id: row.id,
  workspaceId: row.workspace_id,
  seriesKind: row.series_kind,
  seriesKey: row.series_key,
  hour: row.hour,
  value: row.value,
  baseline: row.baseline,
  score: row.score,
  volume: row.volume,
  status: row.status as AnomalyStatus,
  detectedAt: row.detected_at,
  ackedBy: row.acked_by,
  ackedAt: row.acked_at,
});

export function createSqliteAnomalyRepository(ctx: SqliteContext): AnomalyRepository {
  const { statement, run } = ctx;
  const byId = (id: string) =>
    statement('SELECT * FROM anomalies WHERE id = ?').get(id) as AnomalyRow | undefined;
  return {
    record(anomaly) {
      return run(() => {
        const hour = normalizeIso(anomaly.hour);
        // The unique key decides: a second finding for the same series and hour inserts nothing.
        const inserted = statement(
          `INSERT INTO anomalies (id, workspace_id, series_kind, series_key, hour, value, baseline, score, volume,
             status, detected_at, acked_by, acked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, NULL, NULL)
           ON CONFLICT (workspace_id, series_kind, series_key, hour) DO NOTHING`,
        ).run(
          anomaly.id,
          anomaly.workspaceId,
          anomaly.seriesKind,
          anomaly.seriesKey,
          hour,
          anomaly.value,
          anomaly.baseline,
          anomaly.score,
          anomaly.volume,
          normalizeIso(anomaly.detectedAt),
        );
        const row = statement(
          'SELECT * FROM anomalies WHERE workspace_id = ? AND series_kind = ? AND series_key = ? AND hour = ?',
        ).get(anomaly.workspaceId, anomaly.seriesKind, anomaly.seriesKey, hour) as AnomalyRow;
        return { created: inserted.changes > 0, anomaly: toAnomaly(row) };
      });
    },
    get(id) {
      return run(() => {
        const row = byId(id);
        return row ? toAnomaly(row) : null;
      });
    },
    list(query) {
      return run(() => {
        const rows = statement(
          `SELECT * FROM anomalies
           WHERE workspace_id = ? AND (? IS NULL OR status = ?) AND hour >= ? AND hour < ?
           ORDER BY hour DESC, score DESC, id LIMIT ?`,
        ).all(
          query.workspaceId,
          query.status ?? null,
          query.status ?? null,
          query.from ? normalizeIso(query.from) : '',
          query.to ? normalizeIso(query.to) : '9999',
          anomalyListLimit(query.limit),
        ) as AnomalyRow[];
        return rows.map(toAnomaly);
      });
    },
    acknowledge(id, by, at) {
      return run(() => {
        statement(
          `UPDATE anomalies SET status = 'acked', acked_by = ?, acked_at = ? WHERE id = ? AND status = 'open'`,
        ).run(by, normalizeIso(at), id);
        const row = byId(id);
        return row ? toAnomaly(row) : null;
      });
    },
    ticketsCreatedIn(window) {
      return run(() => {
        const rows = statement(
          `SELECT channel, category, tags, custom_fields FROM tickets
           WHERE workspace_id = ? AND created_at >= ? AND created_at < ? LIMIT ?`,
        ).all(
          window.workspaceId,
          normalizeIso(window.from),
          normalizeIso(window.to),
          window.limit ?? TICKET_WINDOW_DEFAULT_LIMIT,
        ) as Array<{ channel: string; category: string | null; tags: string; custom_fields: string }>;
        return rows.map(
          (row): CreatedTicketRow => ({
            channel: row.channel,
            category: row.category,
            tags: parseJson<string[]>(row.tags),
            customFields: parseJson<JsonObject>(row.custom_fields),
          }),
        );
      });
    },
    ticketsDueIn(window) {
      return run(() => {
        const rows = statement(
          `SELECT sla_state FROM tickets
           WHERE workspace_id = ? AND resolution_due_at >= ? AND resolution_due_at < ? LIMIT ?`,
        ).all(
          window.workspaceId,
          normalizeIso(window.from),
          normalizeIso(window.to),
          window.limit ?? TICKET_WINDOW_DEFAULT_LIMIT,
        ) as Array<{ sla_state: string }>;
        return rows.map((row) => ({ slaState: row.sla_state }));
      });
    },
  };
}

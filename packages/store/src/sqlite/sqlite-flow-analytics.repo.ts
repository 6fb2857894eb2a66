import type { FlowAnalyticsRepository, FlowStoppedCount } from '../port/flow-analytics.types.ts';
import { dayRangeInstants } from '../shared/flow-rollup-rules.ts';
import type { SqliteContext } from './sqlite-context.ts';

interface ExitRow {
  node_id: string;
  port: string;
  runs: number;
  failures: number;
}

interface OutcomeRow {
  handed_off: number | null;
  auto_resolved: number | null;
  csat_sum: number | null;
  csat_count: number | null;
}

/** Reads the rollups of migration 031 (the triggers there keep them current). */
export function createSqliteFlowAnalyticsRepository(ctx: SqliteContext): FlowAnalyticsRepository {
  const { statement, run } = ctx;
  return {
    rollup: (query) =>
      run(() => {
        const key = [query.flowId, query.version, query.fromDay, query.toDay] as const;
        const exits = statement(
          `SELECT node_id, port, SUM(runs) AS runs, SUM(failures) AS failures FROM flow_step_rollup
           WHERE flow_id = ? AND version = ? AND day BETWEEN ? AND ? GROUP BY node_id, port`,
        ).all(...key) as ExitRow[];
        const waits = statement(
          `SELECT node_id AS nodeId, bucket, SUM(count) AS count FROM flow_wait_rollup
           WHERE flow_id = ? AND version = ? AND day BETWEEN ? AND ? GROUP BY node_id, bucket`,
        ).all(...key) as Array<{ nodeId: string; bucket: number; count: number }>;
        const outcome = statement(
          `SELECT SUM(handed_off) AS handed_off, SUM(auto_resolved) AS auto_resolved,
             SUM(csat_sum) AS csat_sum, SUM(csat_count) AS csat_count FROM flow_outcome_rollup
           WHERE flow_id = ? AND version = ? AND day BETWEEN ? AND ?`,
        ).get(...key) as OutcomeRow;
        // Executions that have not completed stand on few steps; the index of migration 031 answers from its own rows.
        const range = dayRangeInstants(query.fromDay, query.toDay);
        const stopped = statement(
          `SELECT current_node_id AS nodeId, status, COUNT(*) AS count FROM executions
           WHERE flow_id = ? AND version = ? AND status IN ('waiting', 'cancelled', 'failed')
             AND started_at >= ? AND started_at < ?
           GROUP BY status, current_node_id`,
        ).all(query.flowId, query.version, range.from, range.to) as FlowStoppedCount[];
        return {
          exits: exits.map((row) => ({
            nodeId: row.node_id,
            port: row.port === '' ? null : row.port,
            runs: row.runs,
            failures: row.failures,
          })),
          waits,
          stopped,
          outcomes: {
            handedOff: outcome.handed_off ?? 0,
            autoResolved: outcome.auto_resolved ?? 0,
            csatSum: outcome.csat_sum ?? 0,
            csatCount: outcome.csat_count ?? 0,
          },
        };
      }),
  };
}

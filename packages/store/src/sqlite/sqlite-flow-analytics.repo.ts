import type {
  FlowAnalyticsRepository,
  FlowStepExit,
  FlowStoppedCount,
  FlowWaitBucket,
} from '../port/flow-analytics.types.ts';
import { rollupHourRange } from '../shared/flow-rollup-rules.ts';
import { parseSegment } from '../shared/flow-rollup-segment.ts';
import type { SqliteContext } from './sqlite-context.ts';

interface PathRow {
  segment: string;
  count: number;
  handed_off: number;
  auto_resolved: number;
}

/** Adds up a version's stretches of steps (migration 031) into exits per step and port and waits per bucket. */
function expandPaths(rows: readonly PathRow[]) {
  const exits = new Map<string, FlowStepExit>();
  const waits = new Map<string, FlowWaitBucket>();
  let handedOff = 0;
  let autoResolved = 0;
  for (const row of rows) {
    handedOff += row.handed_off;
    autoResolved += row.auto_resolved;
    for (const [nodeId, port, failed, bucket] of parseSegment(row.segment)) {
      const exitKey = `${nodeId}\u0000${port}`;
      const exit = exits.get(exitKey) ?? { nodeId, port: port === '' ? null : port, runs: 0, failures: 0 };
      exit.runs += row.count;
      if (failed) exit.failures += row.count;
      exits.set(exitKey, exit);
      if (bucket !== null) {
        const waitKey = `${nodeId}\u0000${bucket}`;
        const wait = waits.get(waitKey) ?? { nodeId, bucket, count: 0 };
        wait.count += row.count;
        waits.set(waitKey, wait);
      }
    }
  }
  return { exits: [...exits.values()], waits: [...waits.values()], handedOff, autoResolved };
}

/** Reads the rollups of migration 031 (executions.appendSteps and a survey trigger keep them current). */
export function createSqliteFlowAnalyticsRepository(ctx: SqliteContext): FlowAnalyticsRepository {
  const { statement, run } = ctx;
  return {
    rollup(query) {
      return run(() => {
        const range = rollupHourRange(query.from, query.to);
        const key = [query.flowId, query.version, range.fromHour, range.toHour] as const;
        // Routes repeat from day to day: summed per route first, each route's JSON is read once.
        const paths = statement(
          `SELECT segment, SUM(count) AS count, SUM(handed_off) AS handed_off, SUM(auto_resolved) AS auto_resolved
           FROM flow_path_rollup WHERE flow_id = ? AND version = ? AND hour >= ? AND hour < ? GROUP BY segment`,
        ).all(...key) as PathRow[];
        const csat = statement(
          `SELECT SUM(csat_sum) AS csat_sum, SUM(csat_count) AS csat_count FROM flow_csat_rollup
           WHERE flow_id = ? AND version = ? AND hour >= ? AND hour < ?`,
        ).get(...key) as { csat_sum: number | null; csat_count: number | null };
        // Executions that have not completed stand on few steps; the index of migration 031 answers from its own rows.
        const stopped = statement(
          `SELECT current_node_id AS nodeId, status, COUNT(*) AS count FROM executions
           WHERE flow_id = ? AND version = ? AND status IN ('waiting', 'cancelled', 'failed')
             AND started_at >= ? AND started_at < ?
           GROUP BY status, current_node_id`,
        ).all(query.flowId, query.version, range.from, range.to) as FlowStoppedCount[];
        const { exits, waits, handedOff, autoResolved } = expandPaths(paths);
        return {
          exits,
          waits,
          stopped,
          outcomes: {
            handedOff,
            autoResolved,
            csatSum: csat.csat_sum ?? 0,
            csatCount: csat.csat_count ?? 0,
          },
        };
      });
    },
  };
}

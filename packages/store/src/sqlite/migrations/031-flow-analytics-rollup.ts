import {
  HANDOFF_NODE_TYPES,
  RESOLVING_STATUSES,
  sqlList,
  UPDATE_TICKET_NODE_TYPE,
  WAIT_NODE_TYPES,
} from '../../shared/flow-rollup-rules.ts';
import type { SqliteMigration } from '../migration.types.ts';

const HANDOFF = sqlList(HANDOFF_NODE_TYPES);
const WAITS = sqlList(WAIT_NODE_TYPES);
const RESOLVING = sqlList(RESOLVING_STATUSES);
/** The execution's start day: every rollup row counts executions started that day. */
const DAY = 'substr(e.started_at, 1, 10)';
/** waitBucket() of flow-rollup-rules.ts, in SQL. */
const bucketOf = (step: string) => `(CASE
  WHEN (julianday(${step}.finished_at) - julianday(${step}.started_at)) * 86400.0 < 1 THEN 0
  ELSE CAST(floor(4 * log2((julianday(${step}.finished_at) - julianday(${step}.started_at)) * 86400.0)) AS INTEGER) + 1
END)`;
const isHandoff = (step: string) => `${step}.node_type IN (${HANDOFF}) AND ${step}.error IS NULL`;
const isResolve = (step: string) =>
  `${step}.node_type = '${UPDATE_TICKET_NODE_TYPE}' AND ${step}.error IS NULL
   AND json_extract(${step}.input, '$.config.status') IN (${RESOLVING})`;

/**
 * Flow analytics on the canvas read per flow version and day counters instead
 * of scanning executions: exits per step and port (the edges), failures, a
 * histogram of wait times, hand-offs, automatic resolutions and CSAT answers.
 * Triggers keep them in the transaction that writes the step or the answer, and
 * the executions written before this migration are counted here once.
 */
export const FLOW_ANALYTICS_ROLLUP_MIGRATION: SqliteMigration = {
  version: 31,
  name: 'flow analytics rollups',
  sql: `
    CREATE TABLE flow_step_rollup (
      flow_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      node_id TEXT NOT NULL,
      port TEXT NOT NULL,
      day TEXT NOT NULL,
      runs INTEGER NOT NULL,
      failures INTEGER NOT NULL,
      PRIMARY KEY (flow_id, version, node_id, port, day)
    ) WITHOUT ROWID;
    CREATE TABLE flow_wait_rollup (
      flow_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      node_id TEXT NOT NULL,
      day TEXT NOT NULL,
      bucket INTEGER NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (flow_id, version, node_id, day, bucket)
    ) WITHOUT ROWID;
    CREATE TABLE flow_outcome_rollup (
      flow_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      day TEXT NOT NULL,
      handed_off INTEGER NOT NULL DEFAULT 0,
      auto_resolved INTEGER NOT NULL DEFAULT 0,
      csat_sum INTEGER NOT NULL DEFAULT 0,
      csat_count INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (flow_id, version, day)
    ) WITHOUT ROWID;
    -- Where the executions of one version stopped (waiting, cancelled, failed), read without the state.
    CREATE INDEX executions_by_version_status ON executions (flow_id, version, status, current_node_id, started_at);

    CREATE TRIGGER flow_rollup_step AFTER INSERT ON execution_steps BEGIN
      INSERT INTO flow_step_rollup (flow_id, version, node_id, port, day, runs, failures)
        SELECT e.flow_id, e.version, NEW.node_id, coalesce(NEW.port, ''), ${DAY}, 1, NEW.error IS NOT NULL
        FROM executions e WHERE e.id = NEW.execution_id
        ON CONFLICT DO UPDATE SET runs = runs + 1, failures = failures + excluded.failures;
    END;
    CREATE TRIGGER flow_rollup_wait AFTER INSERT ON execution_steps
    WHEN NEW.node_type IN (${WAITS}) AND NEW.error IS NULL BEGIN
      INSERT INTO flow_wait_rollup (flow_id, version, node_id, day, bucket, count)
        SELECT e.flow_id, e.version, NEW.node_id, ${DAY}, ${bucketOf('NEW')}, 1
        FROM executions e WHERE e.id = NEW.execution_id
        ON CONFLICT DO UPDATE SET count = count + 1;
    END;
    -- An execution is handed off once, at its first hand-off step.
    CREATE TRIGGER flow_rollup_handoff AFTER INSERT ON execution_steps
    WHEN ${isHandoff('NEW')} BEGIN
      INSERT INTO flow_outcome_rollup (flow_id, version, day, handed_off)
        SELECT e.flow_id, e.version, ${DAY}, 1 FROM executions e
        WHERE e.id = NEW.execution_id AND NOT EXISTS (
          SELECT 1 FROM execution_steps s WHERE s.execution_id = NEW.execution_id AND s.seq < NEW.seq AND ${isHandoff('s')})
        ON CONFLICT DO UPDATE SET handed_off = handed_off + 1;
    END;
    -- Resolved automatically: its first resolving step, with no hand-off before it.
    CREATE TRIGGER flow_rollup_resolve AFTER INSERT ON execution_steps
    WHEN ${isResolve('NEW')} BEGIN
      INSERT INTO flow_outcome_rollup (flow_id, version, day, auto_resolved)
        SELECT e.flow_id, e.version, ${DAY}, 1 FROM executions e
        WHERE e.id = NEW.execution_id AND NOT EXISTS (
          SELECT 1 FROM execution_steps s WHERE s.execution_id = NEW.execution_id AND s.seq < NEW.seq
            AND ((${isHandoff('s')}) OR (${isResolve('s')})))
        ON CONFLICT DO UPDATE SET auto_resolved = auto_resolved + 1;
    END;
    CREATE TRIGGER flow_rollup_csat AFTER UPDATE OF score ON surveys
    WHEN NEW.kind = 'csat' AND NEW.score IS NOT NULL AND OLD.score IS NULL AND NEW.execution_id IS NOT NULL BEGIN
      INSERT INTO flow_outcome_rollup (flow_id, version, day, csat_sum, csat_count)
        SELECT e.flow_id, e.version, ${DAY}, NEW.score, 1 FROM executions e WHERE e.id = NEW.execution_id
        ON CONFLICT DO UPDATE SET csat_sum = csat_sum + excluded.csat_sum, csat_count = csat_count + 1;
    END;

    INSERT INTO flow_step_rollup (flow_id, version, node_id, port, day, runs, failures)
      SELECT e.flow_id, e.version, s.node_id, coalesce(s.port, ''), ${DAY}, COUNT(*), SUM(s.error IS NOT NULL)
      FROM execution_steps s JOIN executions e ON e.id = s.execution_id
      GROUP BY e.flow_id, e.version, s.node_id, coalesce(s.port, ''), ${DAY};
    INSERT INTO flow_wait_rollup (flow_id, version, node_id, day, bucket, count)
      SELECT e.flow_id, e.version, s.node_id, ${DAY}, ${bucketOf('s')}, COUNT(*)
      FROM execution_steps s JOIN executions e ON e.id = s.execution_id
      WHERE s.node_type IN (${WAITS}) AND s.error IS NULL
      GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO flow_outcome_rollup (flow_id, version, day, handed_off, auto_resolved, csat_sum, csat_count)
      SELECT flow_id, version, day, SUM(handed_off), SUM(auto_resolved), SUM(csat_sum), SUM(csat_count) FROM (
        SELECT e.flow_id, e.version, ${DAY} AS day,
          first_handoff IS NOT NULL AS handed_off,
          first_resolve IS NOT NULL AND (first_handoff IS NULL OR first_handoff > first_resolve) AS auto_resolved,
          0 AS csat_sum, 0 AS csat_count
        FROM (
          SELECT s.execution_id,
            MIN(CASE WHEN ${isHandoff('s')} THEN s.seq END) AS first_handoff,
            MIN(CASE WHEN ${isResolve('s')} THEN s.seq END) AS first_resolve
          FROM execution_steps s
          WHERE s.node_type IN (${HANDOFF}, '${UPDATE_TICKET_NODE_TYPE}')
          GROUP BY s.execution_id
        ) marks JOIN executions e ON e.id = marks.execution_id
        UNION ALL
        SELECT e.flow_id, e.version, ${DAY}, 0, 0, v.score, 1
        FROM surveys v JOIN executions e ON e.id = v.execution_id
        WHERE v.kind = 'csat' AND v.score IS NOT NULL
      ) GROUP BY flow_id, version, day
      HAVING SUM(handed_off) + SUM(auto_resolved) + SUM(csat_count) > 0;`,
};

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
/**
 * The UTC hour the execution started ('YYYY-MM-DDTHH'): every rollup row counts executions
 * started in that hour. Hours, not days, so the overlay's days follow the workspace's time zone
 * (the server turns local days into a range of whole hours) and a change of zone needs no rebuild.
 */
const HOUR = 'substr(e.started_at, 1, 13)';
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
 * Flow analytics on the canvas read per flow version and start hour counters instead
 * of scanning executions. flow_path_rollup counts the stretches of steps that
 * executions saved (shared/flow-rollup-segment.ts: one counter per route, not
 * per step, written by executions.appendSteps in the step's transaction), with
 * the hand-offs and automatic resolutions among them; flow_csat_rollup sums the
 * CSAT answers of surveys an execution sent (a trigger on the answer). The
 * executions written before this migration are counted here once, a whole
 * execution as one stretch.
 */
export const FLOW_ANALYTICS_ROLLUP_MIGRATION: SqliteMigration = {
  version: 31,
  name: 'flow analytics rollups',
  sql: `
    CREATE TABLE flow_path_rollup (
      flow_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      hour TEXT NOT NULL,
      segment TEXT NOT NULL,
      count INTEGER NOT NULL,
      handed_off INTEGER NOT NULL,
      auto_resolved INTEGER NOT NULL,
      PRIMARY KEY (flow_id, version, hour, segment)
    ) WITHOUT ROWID;
    CREATE TABLE flow_csat_rollup (
      flow_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      hour TEXT NOT NULL,
      csat_sum INTEGER NOT NULL,
      csat_count INTEGER NOT NULL,
      PRIMARY KEY (flow_id, version, hour)
    ) WITHOUT ROWID;
    -- Where the executions of one version stopped (waiting, cancelled, failed), read without the state.
    CREATE INDEX executions_by_version_status ON executions (flow_id, version, status, current_node_id, started_at);

    CREATE TRIGGER flow_rollup_csat AFTER UPDATE OF score ON surveys
    WHEN NEW.kind = 'csat' AND NEW.score IS NOT NULL AND OLD.score IS NULL AND NEW.execution_id IS NOT NULL BEGIN
      INSERT INTO flow_csat_rollup (flow_id, version, hour, csat_sum, csat_count)
        SELECT e.flow_id, e.version, ${HOUR}, NEW.score, 1 FROM executions e WHERE e.id = NEW.execution_id
        ON CONFLICT DO UPDATE SET csat_sum = csat_sum + excluded.csat_sum, csat_count = csat_count + 1;
    END;

    INSERT INTO flow_path_rollup (flow_id, version, hour, segment, count, handed_off, auto_resolved)
      SELECT flow_id, version, hour, segment, COUNT(*), SUM(fh IS NOT NULL),
        SUM(fr IS NOT NULL AND (fh IS NULL OR fh > fr))
      FROM (
        SELECT e.flow_id, e.version, ${HOUR} AS hour,
          (SELECT json_group_array(json_array(s.node_id, coalesce(s.port, ''), s.error IS NOT NULL,
              CASE WHEN s.node_type IN (${WAITS}) AND s.error IS NULL THEN ${bucketOf('s')} END))
           FROM (SELECT * FROM execution_steps WHERE execution_id = e.id ORDER BY seq) s) AS segment,
          (SELECT MIN(h.seq) FROM execution_steps h WHERE h.execution_id = e.id AND ${isHandoff('h')}) AS fh,
          (SELECT MIN(r.seq) FROM execution_steps r WHERE r.execution_id = e.id AND ${isResolve('r')}) AS fr
        FROM executions e
        WHERE EXISTS (SELECT 1 FROM execution_steps x WHERE x.execution_id = e.id)
      )
      GROUP BY flow_id, version, hour, segment;
    INSERT INTO flow_csat_rollup (flow_id, version, hour, csat_sum, csat_count)
      SELECT e.flow_id, e.version, ${HOUR}, SUM(v.score), COUNT(*)
      FROM surveys v JOIN executions e ON e.id = v.execution_id
      WHERE v.kind = 'csat' AND v.score IS NOT NULL
      GROUP BY e.flow_id, e.version, ${HOUR};`,
};

/** What appendSteps asks when a save holds a hand-off or resolving step but not the execution's first steps. */
export const EARLIER_MARKS_SQL = `SELECT
    EXISTS (SELECT 1 FROM execution_steps h WHERE h.execution_id = @id AND h.seq < @seq AND ${isHandoff('h')}) AS handoff,
    EXISTS (SELECT 1 FROM execution_steps r WHERE r.execution_id = @id AND r.seq < @seq AND ${isResolve('r')}) AS resolve`;

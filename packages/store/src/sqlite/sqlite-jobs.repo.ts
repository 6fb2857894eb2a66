import type { Job, JobRepository, JobStatus, LeaseResult } from '../port/job.types.ts';
import { DEFAULT_MAX_ATTEMPTS } from '../port/job.types.ts';
import type { JsonObject } from '../port/json.types.ts';
import { jobListSize } from '../shared/page-size.ts';
import { isoToMs, msToIso, normalizeIso, nullableMsToIso } from '../shared/time.ts';
import { parseJson, type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  run_at: number;
  payload: string;
  idempotency_key: string | null;
  attempts: number;
  max_attempts: number;
  leased_by: string | null;
  lease_token: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    runAt: msToIso(row.run_at),
    payload: parseJson<JsonObject>(row.payload),
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    leasedBy: row.leased_by,
    leaseToken: row.lease_token,
    leaseExpiresAt: nullableMsToIso(row.lease_expires_at),
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export const LEASE_HELD = "id = ? AND status = 'running' AND lease_token = ? AND lease_expires_at > ?";

const CLAIMABLE = `status IN ('pending', 'running') AND run_at <= ?
  AND (lease_expires_at IS NULL OR lease_expires_at <= ?)`;

/**
 * One UPDATE picks and leases the jobs. SQLite runs a write statement under the
 * database write lock, so two processes can never lease the same row.
 * The pick walks jobs_due, which is in (run_at, id) order (migration 34), and stops
 * after LIMIT rows: left to itself the planner took jobs_by_status and sorted every
 * due job, which with 10,000 timers due in one second made each claim sort them all.
 */
export function claimSql(withKinds: boolean): string {
  const kindFilter = withKinds ? 'AND kind IN (SELECT value FROM json_each(?))' : '';
  return `UPDATE jobs SET status = 'running', attempts = attempts + 1, leased_by = ?,
      lease_token = lower(hex(randomblob(16))), lease_expires_at = ?, updated_at = ?
    WHERE id IN (SELECT id FROM jobs INDEXED BY jobs_due WHERE ${CLAIMABLE} ${kindFilter} ORDER BY run_at, id LIMIT ?)
    RETURNING *`;
}

/**
 * A range on the unique index finds the keys (LIKE would scan every job as the table grows);
 * substr then matches literally, since keys may contain % or _. `+status` keeps the planner
 * from walking jobs_due instead, whose condition it matches: every unfinished job.
 */
export const CANCEL_BY_KEY_PREFIX_SQL = `UPDATE jobs SET status = 'cancelled', lease_token = NULL,
    lease_expires_at = NULL, updated_at = ?, finished_at = ? WHERE +status IN ('pending', 'running')
    AND idempotency_key >= ? AND idempotency_key < ? AND substr(idempotency_key, 1, length(?)) = ?`;

export function createSqliteJobRepository(ctx: SqliteContext): JobRepository {
  const { statement, run } = ctx;
  const lost: LeaseResult = { ok: false, reason: 'lease_lost' };
  const leaseResult = (row: JobRow | undefined): LeaseResult => (row ? { ok: true, job: toJob(row) } : lost);

  return {
    enqueue(input) {
      return run(() => {
        const now = normalizeIso(input.now);
        const key = input.idempotencyKey ?? null;
        try {
          const row = statement(
            `INSERT INTO jobs (id, kind, status, run_at, payload, idempotency_key, attempts, max_attempts,
               created_at, updated_at)
             VALUES (?, ?, 'pending', ?, ?, ?, 0, ?, ?, ?)
             ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
          ).get(
            input.id,
            input.kind,
            isoToMs(input.runAt),
            JSON.stringify(input.payload),
            key,
            input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
            now,
            now,
          ) as JobRow | undefined;
          if (row) return { created: true, job: toJob(row) };
        } catch (error) {
          translateConstraint(error, `Job ${input.id}`);
        }
        const existing = statement('SELECT * FROM jobs WHERE idempotency_key = ?').get(key) as JobRow;
        return { created: false, job: toJob(existing) };
      });
    },

    claimDue(input) {
      return run(() => {
        if (input.limit <= 0) return [];
        const nowMs = isoToMs(input.now);
        const withKinds = input.kinds !== undefined;
        const params: unknown[] = [input.workerId, nowMs + input.leaseMs, msToIso(nowMs), nowMs, nowMs];
        if (withKinds) params.push(JSON.stringify(input.kinds));
        params.push(input.limit);
        const rows = statement(claimSql(withKinds)).all(...params) as JobRow[];
        // RETURNING gives no order guarantee; callers expect the earliest first.
        rows.sort((a, b) => a.run_at - b.run_at || (a.id < b.id ? -1 : 1));
        return rows.map(toJob);
      });
    },

    complete(jobId, leaseToken, now) {
      return run(() => {
        const iso = normalizeIso(now);
        const row = statement(
          `UPDATE jobs SET status = 'completed', lease_token = NULL, lease_expires_at = NULL,
             updated_at = ?, finished_at = ? WHERE ${LEASE_HELD} RETURNING *`,
        ).get(iso, iso, jobId, leaseToken, isoToMs(iso)) as JobRow | undefined;
        return leaseResult(row);
      });
    },

    fail(jobId, leaseToken, now, input) {
      return run(() => {
        const iso = normalizeIso(now);
        if ('dead' in input) {
          const row = statement(
            `UPDATE jobs SET status = 'dead', lease_token = NULL, lease_expires_at = NULL, last_error = ?,
               updated_at = ?, finished_at = ? WHERE ${LEASE_HELD} RETURNING *`,
          ).get(input.error, iso, iso, jobId, leaseToken, isoToMs(iso)) as JobRow | undefined;
          return leaseResult(row);
        }
        const row = statement(
          `UPDATE jobs SET
             status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END,
             finished_at = CASE WHEN attempts >= max_attempts THEN ? ELSE NULL END,
             run_at = ?, lease_token = NULL, lease_expires_at = NULL, last_error = ?, updated_at = ?
           WHERE ${LEASE_HELD} RETURNING *`,
        ).get(iso, isoToMs(input.retryAt), input.error, iso, jobId, leaseToken, isoToMs(iso)) as
          | JobRow
          | undefined;
        return leaseResult(row);
      });
    },

    extendLease(jobId, leaseToken, now, leaseMs) {
      return run(() => {
        const nowMs = isoToMs(now);
        const row = statement(
          `UPDATE jobs SET lease_expires_at = ?, updated_at = ? WHERE ${LEASE_HELD} RETURNING *`,
        ).get(nowMs + leaseMs, msToIso(nowMs), jobId, leaseToken, nowMs) as JobRow | undefined;
        return leaseResult(row);
      });
    },

    cancel(target, now) {
      return run(() => {
        const iso = normalizeIso(now);
        const set = `UPDATE jobs SET status = 'cancelled', lease_token = NULL, lease_expires_at = NULL,
          updated_at = ?, finished_at = ? WHERE status IN ('pending', 'running')`;
        if ('id' in target) {
          return statement(`${set} AND id = ?`).run(iso, iso, target.id).changes;
        }
        const prefix = target.idempotencyKeyPrefix;
        return statement(CANCEL_BY_KEY_PREFIX_SQL).run(
          iso,
          iso,
          prefix,
          `${prefix}\u{10FFFF}`,
          prefix,
          prefix,
        ).changes;
      });
    },

    get(id) {
      return run(() => {
        const row = statement('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
        return row ? toJob(row) : null;
      });
    },

    list(query = {}) {
      return run(() => {
        const rows = statement(
          `SELECT * FROM jobs WHERE (? IS NULL OR status = ?) AND (? IS NULL OR kind = ?)
           ORDER BY run_at, id LIMIT ?`,
        ).all(
          query.status ?? null,
          query.status ?? null,
          query.kind ?? null,
          query.kind ?? null,
          jobListSize(query.limit),
        ) as JobRow[];
        return rows.map(toJob);
      });
    },

    purgeFinished(finishedBefore, limit) {
      return run(
        () =>
          statement(
            `DELETE FROM jobs WHERE id IN (SELECT id FROM jobs INDEXED BY jobs_finished
               WHERE finished_at IS NOT NULL AND finished_at < ? ORDER BY finished_at LIMIT ?)`,
          ).run(normalizeIso(finishedBefore), Math.max(0, limit)).changes,
      );
    },

    queueStats(now) {
      return run(() => {
        const nowMs = isoToMs(now);
        // One pass over the partial index jobs_due, which holds exactly the unfinished jobs.
        const row = statement(
          `SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
             count(*) FILTER (WHERE status = 'running') AS running,
             count(*) FILTER (WHERE ${CLAIMABLE}) AS due,
             min(CASE WHEN ${CLAIMABLE} THEN run_at END) AS oldest_due
           FROM jobs INDEXED BY jobs_due WHERE status IN ('pending', 'running')`,
        ).get(nowMs, nowMs, nowMs, nowMs) as {
          pending: number;
          running: number;
          due: number;
          oldest_due: number | null;
        };
        return {
          pending: row.pending,
          running: row.running,
          due: row.due,
          oldestDueAt: nullableMsToIso(row.oldest_due),
        };
      });
    },
  };
}

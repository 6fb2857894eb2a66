import type { LocalizedText } from '../port/model.types.ts';
import type {
  Agent,
  AgentRepository,
  SlaPolicy,
  SlaPolicyMatch,
  SlaPolicyRepository,
  Team,
  TeamRepository,
} from '../port/team.types.ts';
import { type StoredCalendar, storedCalendar } from '../shared/stored-calendar.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, parseNullableJson, type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface TeamRow {
  id: string;
  workspace_id: string;
  name: string;
  skills: string;
  calendar: string | null;
  supervisor_queue: string | null;
}

const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  workspaceId: row.workspace_id,
  name: parseJson<LocalizedText>(row.name),
  skills: parseJson<string[]>(row.skills),
  calendar: storedCalendar(parseNullableJson<StoredCalendar>(row.calendar)),
  supervisorQueue: row.supervisor_queue,
});

export function createSqliteTeamRepository(ctx: SqliteContext): TeamRepository {
  const { statement, run } = ctx;
  const get = (id: string) => {
    const row = statement('SELECT * FROM teams WHERE id = ?').get(id) as TeamRow | undefined;
    return row ? toTeam(row) : null;
  };
  return {
    put(team) {
      return run(() => {
        statement(
          `INSERT INTO teams (id, workspace_id, name, skills, calendar, supervisor_queue) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET workspace_id = excluded.workspace_id, name = excluded.name,
             skills = excluded.skills, calendar = excluded.calendar, supervisor_queue = excluded.supervisor_queue`,
        ).run(
          team.id,
          team.workspaceId,
          JSON.stringify(team.name),
          JSON.stringify(team.skills),
          team.calendar ? JSON.stringify(team.calendar) : null,
          team.supervisorQueue,
        );
        return get(team.id) as Team;
      });
    },
    get(id) {
      return run(() => get(id));
    },
    list(workspaceId) {
      return run(() =>
        (
          statement('SELECT * FROM teams WHERE workspace_id = ? ORDER BY id').all(workspaceId) as TeamRow[]
        ).map(toTeam),
      );
    },
    delete(id) {
      return run(() => statement('DELETE FROM teams WHERE id = ?').run(id).changes > 0);
    },
  };
}

interface AgentRow {
  id: string;
  workspace_id: string;
  user_id: string | null;
  name: string;
  teams: string;
  skills: string;
  capacity: number;
  online: number;
  active_count: number;
  last_assigned_at: string | null;
}

const toAgent = (row: AgentRow): Agent => ({
  id: row.id,
  workspaceId: row.workspace_id,
  userId: row.user_id,
  name: row.name,
  teams: parseJson<string[]>(row.teams),
  skills: parseJson<string[]>(row.skills),
  capacity: row.capacity,
  online: row.online === 1,
  activeCount: row.active_count,
  lastAssignedAt: row.last_assigned_at,
});

export function createSqliteAgentRepository(ctx: SqliteContext): AgentRepository {
  const { statement, run } = ctx;
  const get = (id: string) => {
    const row = statement('SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
    return row ? toAgent(row) : null;
  };
  const returning = (row: AgentRow | undefined) => (row ? toAgent(row) : null);
  return {
    create(agent) {
      return run(() => {
        try {
          statement(
            `INSERT INTO agents (id, workspace_id, user_id, name, teams, skills, capacity, online, active_count,
               last_assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            agent.id,
            agent.workspaceId,
            agent.userId,
            agent.name,
            JSON.stringify(agent.teams),
            JSON.stringify(agent.skills),
            agent.capacity,
            agent.online ? 1 : 0,
            agent.activeCount,
            agent.lastAssignedAt === null ? null : normalizeIso(agent.lastAssignedAt),
          );
        } catch (error) {
          translateConstraint(error, `Agent ${agent.id}`);
        }
        return get(agent.id) as Agent;
      });
    },

    get(id) {
      return run(() => get(id));
    },

    list(query = {}) {
      return run(() => {
        const rows = statement(
          `SELECT * FROM agents WHERE (? IS NULL OR workspace_id = ?) AND (? IS NULL OR online = ?)
             AND (? IS NULL OR EXISTS (SELECT 1 FROM json_each(agents.teams) WHERE value = ?))
           ORDER BY id`,
        ).all(
          query.workspaceId ?? null,
          query.workspaceId ?? null,
          query.online === undefined ? null : 1,
          query.online ? 1 : 0,
          query.team ?? null,
          query.team ?? null,
        ) as AgentRow[];
        return rows.map(toAgent);
      });
    },

    update(id, patch) {
      return run(() => {
        const current = get(id);
        if (!current) return null;
        const next = { ...current, ...patch };
        statement(
          'UPDATE agents SET user_id = ?, name = ?, teams = ?, skills = ?, capacity = ?, online = ? WHERE id = ?',
        ).run(
          next.userId,
          next.name,
          JSON.stringify(next.teams),
          JSON.stringify(next.skills),
          next.capacity,
          next.online ? 1 : 0,
          id,
        );
        return get(id);
      });
    },

    claimCapacity(id, now, options = {}) {
      return run(() =>
        returning(
          statement(
            `UPDATE agents SET active_count = active_count + 1, last_assigned_at = ?
             WHERE id = ? AND (? = 1 OR (online = 1 AND active_count < capacity)) RETURNING *`,
          ).get(normalizeIso(now), id, options.ignoreLimit ? 1 : 0) as AgentRow | undefined,
        ),
      );
    },

    releaseCapacity(id) {
      return run(() =>
        returning(
          statement('UPDATE agents SET active_count = MAX(active_count - 1, 0) WHERE id = ? RETURNING *').get(
            id,
          ) as AgentRow | undefined,
        ),
      );
    },
  };
}

interface PolicyRow {
  id: string;
  workspace_id: string;
  name: string;
  match: string;
  first_response_minutes: number;
  resolution_minutes: number;
  warn_at_share: number;
  sort_order: number;
  calendar: string | null;
}

const toPolicy = (row: PolicyRow): SlaPolicy => ({
  id: row.id,
  workspaceId: row.workspace_id,
  name: row.name,
  match: parseJson<SlaPolicyMatch>(row.match),
  firstResponseMinutes: row.first_response_minutes,
  resolutionMinutes: row.resolution_minutes,
  warnAtShare: row.warn_at_share,
  order: row.sort_order,
  calendar: storedCalendar(parseNullableJson<StoredCalendar>(row.calendar)),
});

export function createSqliteSlaPolicyRepository(ctx: SqliteContext): SlaPolicyRepository {
  const { statement, run } = ctx;
  const get = (id: string) => {
    const row = statement('SELECT * FROM sla_policies WHERE id = ?').get(id) as PolicyRow | undefined;
    return row ? toPolicy(row) : null;
  };
  return {
    put(policy) {
      return run(() => {
        statement(
          `INSERT INTO sla_policies (id, workspace_id, name, match, first_response_minutes, resolution_minutes,
             warn_at_share, sort_order, calendar) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET workspace_id = excluded.workspace_id, name = excluded.name,
             match = excluded.match, first_response_minutes = excluded.first_response_minutes,
             resolution_minutes = excluded.resolution_minutes, warn_at_share = excluded.warn_at_share,
             sort_order = excluded.sort_order, calendar = excluded.calendar`,
        ).run(
          policy.id,
          policy.workspaceId,
          policy.name,
          JSON.stringify(policy.match),
          policy.firstResponseMinutes,
          policy.resolutionMinutes,
          policy.warnAtShare,
          policy.order,
          policy.calendar ? JSON.stringify(policy.calendar) : null,
        );
        return get(policy.id) as SlaPolicy;
      });
    },
    get(id) {
      return run(() => get(id));
    },
    list(workspaceId) {
      return run(() =>
        (
          statement('SELECT * FROM sla_policies WHERE workspace_id = ? ORDER BY sort_order, id').all(
            workspaceId,
          ) as PolicyRow[]
        ).map(toPolicy),
      );
    },
    delete(id) {
      return run(() => statement('DELETE FROM sla_policies WHERE id = ?').run(id).changes > 0);
    },
  };
}

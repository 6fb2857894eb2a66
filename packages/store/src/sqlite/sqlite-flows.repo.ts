import type { FlowRecord, FlowRepository, MoveFlowResult, VersionRepository } from '../port/flow.types.ts';
import type { FlowGraph, FlowVersion, LocalizedText } from '../port/model.types.ts';
import { StoreError } from '../port/store-error.ts';
import { orderFlows, swapWithNeighbour } from '../shared/flow-order.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface FlowRow {
  id: string;
  workspace_id: string;
  name: string;
  /** JSON `{ "zh-CN", "en" }` or NULL (migration 20). */
  localized_name: string | null;
  description: string;
  draft: string;
  draft_revision: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  archived_at: string | null;
  enabled: number;
  position: number;
}

interface VersionRow {
  flow_id: string;
  version: number;
  graph: string;
  note: string;
  author: string;
  published_at: string;
}

function toFlow(row: FlowRow): FlowRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    ...(row.localized_name ? { localizedName: parseJson<LocalizedText>(row.localized_name) } : {}),
    description: row.description,
    draft: parseJson<FlowGraph>(row.draft),
    draftRevision: row.draft_revision,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    enabled: row.enabled === 1,
    position: row.position,
  };
}

function toVersion(row: VersionRow): FlowVersion {
  return {
    flowId: row.flow_id,
    version: row.version,
    graph: parseJson<FlowGraph>(row.graph),
    note: row.note,
    author: row.author,
    publishedAt: row.published_at,
  };
}

const SELECT_FLOW = 'SELECT * FROM flows WHERE id = ?';

export function createSqliteFlowRepository(ctx: SqliteContext): FlowRepository {
  const { statement, run, atomic } = ctx;
  const getRow = (id: string) => statement(SELECT_FLOW).get(id) as FlowRow | undefined;

  return {
    create(input) {
      return run(() => {
        const now = normalizeIso(input.now);
        try {
          const row = statement(
            `INSERT INTO flows (id, workspace_id, name, localized_name, description, draft, draft_revision,
               created_by, created_at, updated_by, updated_at, archived_at, enabled, position)
             VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, NULL, 1,
               (SELECT COALESCE(MAX(position) + 1, 0) FROM flows WHERE workspace_id = ?)) RETURNING *`,
          ).get(
            input.id,
            input.workspaceId,
            input.name,
            input.localizedName ? JSON.stringify(input.localizedName) : null,
            input.description ?? '',
            JSON.stringify(input.draft),
            input.createdBy,
            now,
            input.createdBy,
            now,
            input.workspaceId,
          ) as FlowRow;
          return toFlow(row);
        } catch (error) {
          return translateConstraint(error, `Flow ${input.id}`);
        }
      });
    },

    get(id) {
      return run(() => {
        const row = getRow(id);
        return row ? toFlow(row) : null;
      });
    },

    list(query) {
      return run(() => {
        const sql = query.includeArchived
          ? 'SELECT * FROM flows WHERE workspace_id = ? ORDER BY updated_at DESC, id'
          : 'SELECT * FROM flows WHERE workspace_id = ? AND archived_at IS NULL ORDER BY updated_at DESC, id';
        return (statement(sql).all(query.workspaceId) as FlowRow[]).map(toFlow);
      });
    },

    updateDraft(id, graph, expectedRevision, by, now) {
      return run(() => {
        // One conditional UPDATE: the revision check and the write cannot be split by another writer.
        const updated = statement(
          `UPDATE flows SET draft = ?, draft_revision = draft_revision + 1, updated_by = ?, updated_at = ?
           WHERE id = ? AND draft_revision = ? RETURNING draft_revision`,
        ).get(JSON.stringify(graph), by, normalizeIso(now), id, expectedRevision) as
          | { draft_revision: number }
          | undefined;
        if (updated) return { ok: true as const, revision: updated.draft_revision };
        const current = getRow(id);
        if (!current) return { ok: false as const, reason: 'not_found' as const };
        return {
          ok: false as const,
          reason: 'revision_conflict' as const,
          currentRevision: current.draft_revision,
          updatedBy: current.updated_by,
          updatedAt: current.updated_at,
        };
      });
    },

    updateDetails(id, patch, by, now) {
      return run(() => {
        const result = statement(
          `UPDATE flows SET name = COALESCE(?, name), description = COALESCE(?, description),
             localized_name = CASE WHEN ? IS NULL THEN localized_name ELSE NULL END,
             updated_by = ?, updated_at = ? WHERE id = ?`,
        ).run(patch.name ?? null, patch.description ?? null, patch.name ?? null, by, normalizeIso(now), id);
        return result.changes > 0;
      });
    },

    setEnabled(id, enabled) {
      return run(
        () => statement('UPDATE flows SET enabled = ? WHERE id = ?').run(enabled ? 1 : 0, id).changes > 0,
      );
    },

    move(id, direction) {
      return run(() =>
        atomic((): MoveFlowResult => {
          const flow = getRow(id);
          if (!flow) return 'not_found';
          const siblings = (
            statement('SELECT * FROM flows WHERE workspace_id = ? AND archived_at IS NULL').all(
              flow.workspace_id,
            ) as FlowRow[]
          ).map(toFlow);
          const reordered = swapWithNeighbour(orderFlows(siblings), id, direction);
          if (!reordered) return 'at_edge';
          const update = statement('UPDATE flows SET position = ? WHERE id = ?');
          for (const change of reordered) update.run(change.position, change.id);
          return 'moved';
        }),
      );
    },

    archive(id, now) {
      return run(() => {
        const result = statement(
          'UPDATE flows SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL',
        ).run(normalizeIso(now), normalizeIso(now), id);
        return result.changes > 0;
      });
    },

    unarchive(id, now) {
      return run(() => {
        const result = statement(
          'UPDATE flows SET archived_at = NULL, updated_at = ? WHERE id = ? AND archived_at IS NOT NULL',
        ).run(normalizeIso(now), id);
        return result.changes > 0;
      });
    },

    delete(id) {
      return run(() => statement('DELETE FROM flows WHERE id = ?').run(id).changes > 0);
    },
  };
}

export function createSqliteVersionRepository(ctx: SqliteContext): VersionRepository {
  const { statement, run } = ctx;
  return {
    publish(flowId, graph, note, author, now) {
      return run(() => {
        if (!statement('SELECT 1 FROM flows WHERE id = ?').get(flowId)) {
          throw new StoreError('not_found', `Flow ${flowId} does not exist`);
        }
        // MAX + 1 inside the INSERT itself: the number is chosen while holding the write lock.
        const row = statement(
          `INSERT INTO flow_versions (flow_id, version, graph, note, author, published_at)
           SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ? FROM flow_versions WHERE flow_id = ?
           RETURNING *`,
        ).get(flowId, JSON.stringify(graph), note, author, normalizeIso(now), flowId) as VersionRow;
        return toVersion(row);
      });
    },

    get(flowId, version) {
      return run(() => {
        const row = statement('SELECT * FROM flow_versions WHERE flow_id = ? AND version = ?').get(
          flowId,
          version,
        ) as VersionRow | undefined;
        return row ? toVersion(row) : null;
      });
    },

    list(flowId) {
      return run(() =>
        (
          statement('SELECT * FROM flow_versions WHERE flow_id = ? ORDER BY version DESC').all(
            flowId,
          ) as VersionRow[]
        ).map(toVersion),
      );
    },

    latest(flowId) {
      return run(() => {
        const row = statement(
          'SELECT * FROM flow_versions WHERE flow_id = ? ORDER BY version DESC LIMIT 1',
        ).get(flowId) as VersionRow | undefined;
        return row ? toVersion(row) : null;
      });
    },
  };
}

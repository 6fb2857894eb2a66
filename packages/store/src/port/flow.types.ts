import type { FlowGraph, FlowVersion, LocalizedText } from './model.types.ts';

/** A flow with its one mutable draft. Published versions live in the versions repository. */
export interface FlowRecord {
  id: string;
  workspaceId: string;
  name: string;
  /**
   * The name in both languages, when the flow has one (a flow installed from a
   * template does): the web app shows the interface language's, else `name`.
   * Absent on flows named by hand. Renaming sets `name` and drops it.
   */
  localizedName?: LocalizedText;
  description: string;
  draft: FlowGraph;
  /** Starts at 1 and moves by one on every draft save; the editor sends it back to detect lost updates. */
  draftRevision: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  archivedAt: string | null;
  /** Off: no new executions start; running ones finish on their pinned version. New flows start on. */
  enabled: boolean;
  /**
   * Where the flow stands among the workspace's flows: live flows are tried lowest first, so an
   * exclusive trigger earlier in the order wins. New flows go last; ties fall back to creation time.
   */
  position: number;
}

/** Which way a flow moves in the workspace's order. */
export type FlowMoveDirection = 'up' | 'down';

/** `at_edge`: the flow is already first (up) or last (down) among the unarchived flows. */
export type MoveFlowResult = 'moved' | 'at_edge' | 'not_found';

export interface CreateFlowInput {
  id: string;
  workspaceId: string;
  name: string;
  localizedName?: LocalizedText;
  description?: string;
  draft: FlowGraph;
  createdBy: string;
  now: string;
}

export interface ListFlowsQuery {
  workspaceId: string;
  includeArchived?: boolean;
}

/** Two people editing one flow: the second save sees who moved the revision. */
export type UpdateDraftResult =
  | { ok: true; revision: number }
  | { ok: false; reason: 'revision_conflict'; currentRevision: number; updatedBy: string; updatedAt: string }
  | { ok: false; reason: 'not_found' };

export interface FlowDetailsPatch {
  name?: string;
  description?: string;
}

export interface FlowRepository {
  /** Throws StoreError('duplicate') when the id exists. */
  create(input: CreateFlowInput): Promise<FlowRecord>;
  get(id: string): Promise<FlowRecord | null>;
  /** Most recently updated first. */
  list(query: ListFlowsQuery): Promise<FlowRecord[]>;
  updateDraft(
    id: string,
    graph: FlowGraph,
    expectedRevision: number,
    by: string,
    now: string,
  ): Promise<UpdateDraftResult>;
  /** Name and description are not part of the draft revision: renaming never conflicts with editing. */
  updateDetails(id: string, patch: FlowDetailsPatch, by: string, now: string): Promise<boolean>;
  /** Turns a flow on or off; false when it does not exist. The draft revision does not move. */
  setEnabled(id: string, enabled: boolean): Promise<boolean>;
  /**
   * Swaps the flow with its neighbour among the workspace's unarchived flows (by position, then
   * creation), renumbering positions 0, 1, 2… so older rows that share a position get distinct ones.
   */
  move(id: string, direction: FlowMoveDirection): Promise<MoveFlowResult>;
  archive(id: string, now: string): Promise<boolean>;
  unarchive(id: string, now: string): Promise<boolean>;
  /** Removes the flow and its published versions; executions stay as history. */
  delete(id: string): Promise<boolean>;
}

export interface VersionRepository {
  /**
   * Stores an immutable version numbered previous max + 1, assigned atomically.
   * Throws StoreError('not_found') when the flow does not exist.
   */
  publish(flowId: string, graph: FlowGraph, note: string, author: string, now: string): Promise<FlowVersion>;
  get(flowId: string, version: number): Promise<FlowVersion | null>;
  /** Newest first. */
  list(flowId: string): Promise<FlowVersion[]>;
  latest(flowId: string): Promise<FlowVersion | null>;
}

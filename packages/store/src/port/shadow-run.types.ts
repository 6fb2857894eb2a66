import type { JsonObject } from './json.types.ts';

/**
 * A shadow run as the store keeps it while it runs and after it ended, so any
 * replica answers its progress and takes its cancel, and a run whose process
 * died is seen as interrupted instead of running forever.
 *
 * The process that runs it renews `heartbeatAt` while it replays; a running
 * run whose heartbeat is older than the caller's `staleBefore` is ended as
 * `interrupted` by whoever looks next. At most one run per workspace is
 * `running` at a time; the store enforces it (a unique index), not the caller.
 */
export const SHADOW_RUN_STATUSES = ['running', 'finished', 'cancelled', 'failed', 'interrupted'] as const;
export type ShadowRunStatus = (typeof SHADOW_RUN_STATUSES)[number];

export interface ShadowRunRecord {
  id: string;
  workspaceId: string;
  flowId: string;
  status: ShadowRunStatus;
  /** Past requests replayed so far, of `total`. */
  done: number;
  total: number;
  liveVersion: number;
  draftRevision: number;
  /** SHA-256 of the replayed draft's canonical JSON. */
  draftHash: string;
  /** Which past requests: `{ last }` or `{ from, to, last? }`, as the server gave it. */
  selection: JsonObject;
  requestedBy: string;
  startedAt: string;
  heartbeatAt: string;
  endedAt: string | null;
  cancelRequested: boolean;
  /** Why a failed run failed: `{ code, params }`, never a translated text. */
  error: JsonObject | null;
}

export type StartShadowRunInput = Omit<
  ShadowRunRecord,
  'status' | 'done' | 'heartbeatAt' | 'endedAt' | 'cancelRequested' | 'error'
>;

export type StartShadowRunResult =
  | { readonly started: true; readonly run: ShadowRunRecord }
  /** Another run of the workspace is running (its heartbeat is fresh): nothing was written. */
  | { readonly started: false; readonly running: ShadowRunRecord };

export interface EndShadowRunInput {
  status: Exclude<ShadowRunStatus, 'running'>;
  done: number;
  at: string;
  error?: JsonObject | null;
}

export interface ShadowRunRepository {
  /**
   * Starts a run unless the workspace has one running. Runs of the workspace
   * whose heartbeat is older than `staleBefore` are ended as interrupted first
   * (their process is gone), so they do not block the new one.
   */
  start(input: StartShadowRunInput, staleBefore: string): Promise<StartShadowRunResult>;
  get(id: string): Promise<ShadowRunRecord | null>;
  /**
   * Records progress of a running run and renews its heartbeat. Answers whether
   * a cancel was asked, or null when the run is no longer running (someone
   * ended it as interrupted): its process must stop.
   */
  heartbeat(id: string, done: number, at: string): Promise<{ cancelRequested: boolean } | null>;
  /** Asks a running run to stop; the record as it is now, or null when there is no such run. */
  requestCancel(id: string): Promise<ShadowRunRecord | null>;
  /** Ends a running run; false when it was not running (already ended or interrupted). */
  end(id: string, input: EndShadowRunInput): Promise<boolean>;
  /**
   * Ends as interrupted the running runs whose heartbeat is older than
   * `staleBefore` (of any workspace, or only those of `ids` when given); how many.
   */
  interruptStale(staleBefore: string, at: string, ids?: readonly string[]): Promise<number>;
}

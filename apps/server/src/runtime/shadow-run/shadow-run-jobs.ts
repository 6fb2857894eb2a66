import { performance } from 'node:perf_hooks';
import type { LocalizedText } from '@flowdesk/model';
import type { JsonObject, ShadowRunRecord, ShadowRunStatus, Store } from '@flowdesk/store';
import type { Clock, IdSource, Logger } from '../../app-ports.ts';
import { DEFAULT_WORKSPACE_ID } from '../../app-ports.ts';
import { sha256Hex } from '../../auth/secrets.ts';
import { AppError } from '../../http/app-error.ts';
import { type HttpMessageCode, httpMessage } from '../../messages/http.messages.ts';
import { canonicalJson } from '../../rest/idempotency.ts';
import { runShadow, type ShadowRunInput, selectPastRequests } from './shadow-run.ts';
import { type StoredShadowReport, tracesOf } from './shadow-stored-report.ts';

/**
 * Shadow runs, kept in the store while they run: the process that starts one
 * replays it in the background (in chunks, yielding between them, so intake
 * keeps its turn) and writes its progress down about once a second; any
 * replica answers its progress and takes its cancel from the store.
 *
 * A run is not resumed after its process died: it is ended as interrupted
 * ("run it again") once its heartbeat is older than SHADOW_RUN_STALE_MS. A
 * replay of 5,000 requests takes seconds and its requester is watching, so
 * running it again is cheaper and clearer than a job that would pick it up a
 * lease later, hold a worker slot that timers and outbox deliveries need, and
 * start over anyway (a partial replay is not worth keeping).
 *
 * One run per workspace runs at a time (the store enforces it across
 * replicas); a second start is refused with who started the running one and
 * when.
 */

/** A running run whose heartbeat is older than this is taken for interrupted (its process is gone). */
export const SHADOW_RUN_STALE_MS = 30_000;
/** Real time between two progress writes of a running run. */
const HEARTBEAT_MS = 1_000;

export interface ShadowRunView {
  readonly runId: string;
  readonly flowId: string;
  readonly status: ShadowRunStatus;
  readonly done: number;
  readonly total: number;
  readonly reportId: string | null;
  readonly requestedBy: string;
  readonly startedAt: string;
  readonly error: { code: string; messages: LocalizedText } | null;
}

export interface StartShadowRun extends ShadowRunInput {
  readonly draftRevision: number;
  readonly by: string;
}

/** What this process knows of a run it replays. */
interface LocalRun {
  /** Cancelled: stop before the next chunk and keep a partial report. */
  stop: boolean;
  /** The process is closing: stop and keep nothing (the run reads interrupted). */
  abandoned: boolean;
  settled: Promise<void>;
}

/** The run was ended elsewhere (interrupted) while this process replayed it: keep nothing. */
class RunTakenAway extends Error {}

const hasReport = (status: ShadowRunStatus) => status === 'finished' || status === 'cancelled';

function errorOf(record: ShadowRunRecord): ShadowRunView['error'] {
  if (record.status === 'interrupted') {
    return { code: 'shadow_run_interrupted', messages: httpMessage('shadow_run_interrupted') };
  }
  if (record.status !== 'failed') return null;
  const code = String(record.error?.code ?? 'shadow_run_failed') as HttpMessageCode;
  const params = (record.error?.params ?? {}) as Record<string, string | number>;
  return { code, messages: httpMessage(code, params) };
}

export function shadowRunView(record: ShadowRunRecord): ShadowRunView {
  return {
    runId: record.id,
    flowId: record.flowId,
    status: record.status,
    done: record.done,
    total: record.total,
    reportId: hasReport(record.status) ? record.id : null,
    requestedBy: record.requestedBy,
    startedAt: record.startedAt,
    error: errorOf(record),
  };
}

export const draftHashOf = (draft: unknown): string => sha256Hex(canonicalJson(draft));

export class ShadowRunJobs {
  private readonly local = new Map<string, LocalRun>();
  private readonly heartbeatMs: number;

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      ids: IdSource;
      log: Logger;
      /** Tests write every chunk down (0). */
      heartbeatMs?: number;
    },
  ) {
    this.heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS;
  }

  private staleBefore(now: Date): string {
    return new Date(now.getTime() - SHADOW_RUN_STALE_MS).toISOString();
  }

  /**
   * Checks the selection and the history (translated refusals), takes the
   * workspace's one running slot, then replays in the background.
   */
  async start(input: StartShadowRun): Promise<ShadowRunView> {
    const { store, clock, ids } = this.deps;
    const selected = await selectPastRequests(store, input.flowId, input.selection);
    const now = clock.now();
    const started = await store.shadowRuns.start(
      {
        id: ids.next(),
        workspaceId: DEFAULT_WORKSPACE_ID,
        flowId: input.flowId,
        total: selected.length,
        liveVersion: input.live.version,
        draftRevision: input.draftRevision,
        draftHash: draftHashOf(input.draft),
        selection: input.selection as unknown as JsonObject,
        requestedBy: input.by,
        startedAt: now.toISOString(),
      },
      this.staleBefore(now),
    );
    if (!started.started) throw await this.busy(started.running);
    const local: LocalRun = { stop: false, abandoned: false, settled: Promise.resolve() };
    this.local.set(started.run.id, local);
    local.settled = this.run(started.run.id, input, selected, local).finally(() =>
      this.local.delete(started.run.id),
    );
    return shadowRunView(started.run);
  }

  private async busy(running: ShadowRunRecord): Promise<AppError> {
    const [user, flow] = await Promise.all([
      this.deps.store.users.get(running.requestedBy),
      this.deps.store.flows.get(running.flowId),
    ]);
    return new AppError('conflict', 'shadow_run_busy', {
      params: {
        by: user?.name || user?.email || running.requestedBy,
        at: `${running.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
        flow: flow?.name ?? running.flowId,
        // A flow installed from a template has a name per language: each reader gets theirs.
        flowZh: flow?.localizedName?.['zh-CN'] ?? flow?.name ?? running.flowId,
        flowEn: flow?.localizedName?.en ?? flow?.name ?? running.flowId,
      },
      extra: { runId: running.id, flowId: running.flowId },
    });
  }

  private async run(runId: string, input: StartShadowRun, selected: string[], local: LocalRun) {
    const { store, clock, log } = this.deps;
    let done = 0;
    let lastBeat = performance.now();
    const beat = async () => {
      lastBeat = performance.now();
      const answer = await store.shadowRuns.heartbeat(runId, done, clock.now().toISOString());
      if (answer === null) throw new RunTakenAway();
      if (answer.cancelRequested) local.stop = true;
    };
    try {
      const result = await runShadow(
        store,
        input,
        {
          onProgress: async (progress) => {
            done = progress.done;
            if (local.abandoned) throw new RunTakenAway();
            if (performance.now() - lastBeat >= this.heartbeatMs) await beat();
          },
          cancelled: () => local.stop,
        },
        selected,
      );
      if (local.abandoned) throw new RunTakenAway();
      const teams = await store.teams.list(DEFAULT_WORKSPACE_ID);
      const stored: StoredShadowReport = {
        selection: input.selection,
        coverage: result.coverage,
        report: result.report,
        traces: tracesOf(result.report, result.requests),
        teamNames: Object.fromEntries(teams.map((team) => [team.id, team.name])),
      };
      const at = clock.now().toISOString();
      // The report and the run's end commit together: a run that reads finished always has its report.
      await store.transaction(async (tx) => {
        await tx.shadowReports.create({
          id: runId,
          flowId: input.flowId,
          workspaceId: DEFAULT_WORKSPACE_ID,
          liveVersion: input.live.version,
          draftRevision: input.draftRevision,
          report: stored as unknown as JsonObject,
          createdBy: input.by,
          createdAt: at,
        });
        const status = result.coverage.cancelled ? 'cancelled' : 'finished';
        if (!(await tx.shadowRuns.end(runId, { status, done, at }))) throw new RunTakenAway();
      });
    } catch (error) {
      if (error instanceof RunTakenAway) {
        log.warn('shadow run ended elsewhere while it ran', { runId });
        return;
      }
      const known = error instanceof AppError ? error : null;
      if (!known) log.error('shadow run failed', { runId, error: String(error) });
      await store.shadowRuns
        .end(runId, {
          status: 'failed',
          done,
          at: clock.now().toISOString(),
          error: { code: known?.code ?? 'shadow_run_failed', params: {} },
        })
        .catch((reason: unknown) =>
          log.error('shadow run end not written', { runId, error: String(reason) }),
        );
    }
  }

  /** The run as the store has it; a running run whose process is gone is ended as interrupted first. */
  async get(runId: string): Promise<ShadowRunView | null> {
    const record = await this.current(await this.deps.store.shadowRuns.get(runId));
    return record ? shadowRunView(record) : null;
  }

  private async current(record: ShadowRunRecord | null): Promise<ShadowRunRecord | null> {
    if (record?.status !== 'running' || this.local.has(record.id)) return record;
    const now = this.deps.clock.now();
    const staleBefore = this.staleBefore(now);
    if (record.heartbeatAt >= staleBefore) return record;
    await this.deps.store.shadowRuns.interruptStale(staleBefore, now.toISOString(), [record.id]);
    return this.deps.store.shadowRuns.get(record.id);
  }

  /**
   * Asks the run to stop before its next chunk, whichever replica runs it; what
   * ran so far is kept as a partial report.
   */
  async cancel(runId: string): Promise<ShadowRunView | null> {
    const local = this.local.get(runId);
    if (local) local.stop = true;
    const record = await this.current(await this.deps.store.shadowRuns.requestCancel(runId));
    return record ? shadowRunView(record) : null;
  }

  /** Resolves when this process's run has ended (tests, the CLI). */
  async settled(runId: string): Promise<ShadowRunView | null> {
    await this.local.get(runId)?.settled;
    return this.get(runId);
  }

  /**
   * Stops this process's runs and ends them as interrupted at once, so a
   * restart shows "run it again" instead of waiting for the heartbeat to age.
   */
  async close(): Promise<void> {
    const ids = [...this.local.keys()];
    if (ids.length === 0) return;
    for (const run of this.local.values()) run.abandoned = true;
    const now = this.deps.clock.now().toISOString();
    try {
      // Every heartbeat is older than a moment from now: these runs end whatever their age.
      await this.deps.store.shadowRuns.interruptStale('9999-12-31T23:59:59.999Z', now, ids);
    } catch (error) {
      this.deps.log.warn('shadow runs not marked interrupted at close', { error: String(error) });
    }
  }
}

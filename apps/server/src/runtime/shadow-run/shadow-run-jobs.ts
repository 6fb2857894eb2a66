import type { LocalizedText } from '@flowdesk/model';
import type { JsonObject, StoreRepositories } from '@flowdesk/store';
import type { Clock, IdSource, Logger } from '../../app-ports.ts';
import { DEFAULT_WORKSPACE_ID } from '../../app-ports.ts';
import { AppError } from '../../http/app-error.ts';
import type { ShadowOutcome } from './shadow-replay.ts';
import type { ImpactReport, ReplayedRequest } from './shadow-report.ts';
import { runShadow, type ShadowRunInput, type ShadowSelection, selectPastRequests } from './shadow-run.ts';

/**
 * Shadow runs in the background of this process: started, watched and
 * cancelled by the editor, their reports stored when they end (so one can go
 * with the version it justified). A run replays in chunks and yields between
 * them, so intake keeps being served while it runs.
 */
export type ShadowRunStatus = 'running' | 'finished' | 'cancelled' | 'failed';

/** At most this many changed requests keep their traces in the stored report. */
const MAX_TRACES = 200;
/** Ended runs whose progress stays answerable. */
const KEPT_RUNS = 50;

export interface ShadowTrace {
  readonly executionId: string;
  readonly startedAt: string;
  readonly live: TraceSide;
  readonly draft: TraceSide;
}

export type TraceSide = Omit<ShadowOutcome, 'steps' | 'effects'> & {
  readonly steps: { nodeId: string; nodeType: string; port: string | null; error: string | null }[];
  readonly effects: { nodeId: string; kind: string; summary: string }[];
};

/** The stored report: what was compared, what it covers, the report and the traces of changed requests. */
export interface StoredShadowReport {
  readonly selection: ShadowSelection;
  readonly coverage: { found: number; from: string | null; to: string | null; cancelled: boolean };
  readonly report: ImpactReport;
  readonly traces: readonly ShadowTrace[];
  /** Team ids → names, so groups read "VIP team" instead of an id. */
  readonly teamNames: Readonly<Record<string, LocalizedText>>;
}

export interface ShadowRunView {
  readonly runId: string;
  readonly flowId: string;
  readonly status: ShadowRunStatus;
  readonly done: number;
  readonly total: number;
  readonly reportId: string | null;
  readonly error: { code: string; messages: LocalizedText } | null;
}

interface ShadowJob {
  view: ShadowRunView;
  cancelRequested: boolean;
  settled: Promise<void>;
}

function traceSide(outcome: ShadowOutcome): TraceSide {
  const { steps, effects, ...rest } = outcome;
  return {
    ...rest,
    steps: steps.map((step) => ({
      nodeId: step.nodeId,
      nodeType: step.nodeType,
      port: step.port ?? null,
      error: step.error?.code ?? null,
    })),
    effects: effects.map((effect) => ({ nodeId: effect.nodeId, kind: effect.kind, summary: effect.summary })),
  };
}

function tracesOf(report: ImpactReport, requests: readonly ReplayedRequest[]): ShadowTrace[] {
  // Every group gets its first requests' traces before any group gets more.
  const wanted = new Set<string>();
  for (let round = 0; wanted.size < MAX_TRACES && round < MAX_TRACES; round++) {
    let added = false;
    for (const group of report.groups) {
      const id = group.executionIds[round];
      if (id !== undefined && wanted.size < MAX_TRACES) {
        wanted.add(id);
        added = true;
      }
    }
    if (!added) break;
  }
  return requests
    .filter((request) => wanted.has(request.executionId))
    .map((request) => ({
      executionId: request.executionId,
      startedAt: request.startedAt,
      live: traceSide(request.live),
      draft: traceSide(request.draft),
    }));
}

export interface StartShadowRun extends ShadowRunInput {
  readonly draftRevision: number;
  readonly by: string;
}

export class ShadowRunJobs {
  private readonly jobs = new Map<string, ShadowJob>();

  constructor(
    private readonly deps: { store: StoreRepositories; clock: Clock; ids: IdSource; log: Logger },
  ) {}

  /** Checks the selection and the history (translated refusals), then runs in the background. */
  async start(input: StartShadowRun): Promise<ShadowRunView> {
    const ids = await selectPastRequests(this.deps.store, input.flowId, input.selection);
    const runId = this.deps.ids.next();
    const job: ShadowJob = {
      view: {
        runId,
        flowId: input.flowId,
        status: 'running',
        done: 0,
        total: ids.length,
        reportId: null,
        error: null,
      },
      cancelRequested: false,
      settled: Promise.resolve(),
    };
    this.jobs.set(runId, job);
    this.forgetOldRuns();
    job.settled = this.run(job, input, ids);
    return job.view;
  }

  private async run(job: ShadowJob, input: StartShadowRun, ids: readonly string[]): Promise<void> {
    const { store, clock, log } = this.deps;
    try {
      const result = await runShadow(
        store,
        input,
        {
          onProgress: ({ done, total }) => {
            job.view = { ...job.view, done, total };
          },
          cancelled: () => job.cancelRequested,
        },
        ids,
      );
      const teams = await store.teams.list(DEFAULT_WORKSPACE_ID);
      const stored: StoredShadowReport = {
        selection: input.selection,
        coverage: result.coverage,
        report: result.report,
        traces: tracesOf(result.report, result.requests),
        teamNames: Object.fromEntries(teams.map((team) => [team.id, team.name])),
      };
      await store.shadowReports.create({
        id: job.view.runId,
        flowId: input.flowId,
        workspaceId: DEFAULT_WORKSPACE_ID,
        liveVersion: input.live.version,
        draftRevision: input.draftRevision,
        report: stored as unknown as JsonObject,
        createdBy: input.by,
        createdAt: clock.now().toISOString(),
      });
      job.view = {
        ...job.view,
        status: result.coverage.cancelled ? 'cancelled' : 'finished',
        reportId: job.view.runId,
      };
    } catch (error) {
      const known = error instanceof AppError ? error : null;
      if (!known) log.error('shadow run failed', { runId: job.view.runId, error: String(error) });
      job.view = {
        ...job.view,
        status: 'failed',
        error: known ? { code: known.code, messages: known.messages } : null,
      };
    }
  }

  /** Runs that ended are forgotten beyond the newest few; their reports stay in the store. */
  private forgetOldRuns(): void {
    const ended = [...this.jobs.values()].filter((job) => job.view.status !== 'running');
    for (const job of ended.slice(0, Math.max(0, ended.length - KEPT_RUNS))) this.jobs.delete(job.view.runId);
  }

  get(runId: string): ShadowRunView | null {
    return this.jobs.get(runId)?.view ?? null;
  }

  /** Stops the run before its next chunk; what ran so far is kept as a partial report. */
  cancel(runId: string): ShadowRunView | null {
    const job = this.jobs.get(runId);
    if (!job) return null;
    if (job.view.status === 'running') job.cancelRequested = true;
    return job.view;
  }

  /** Resolves when the run has ended (tests, the CLI). */
  async settled(runId: string): Promise<ShadowRunView | null> {
    await this.jobs.get(runId)?.settled;
    return this.get(runId);
  }
}

import type { ActivityRegistry, InlineActivityContext, ProducedItem } from '@flowdesk/desk';
import {
  type ActivityCommand,
  type ActivityResult,
  type Applied,
  activityKey,
  advance,
  type CompiledFlow,
  type ExecutionState,
  type Input,
  type StepRecord,
} from '@flowdesk/engine';
import type { JsonObject, StoreRepositories } from '@flowdesk/store';
import { type Clock, DEFAULT_WORKSPACE_ID, type IdSource, type Logger, silentLogger } from '../app-deps.ts';
import type { RuntimeMetrics } from '../metrics/runtime-metrics.ts';
import { pendingApprovalSeq, syncApprovalRequest } from './approval-requests.ts';
import { ExecutionConflictError } from './execution-conflict.error.ts';
import { stateDocument, storedStep } from './execution-documents.ts';
import { JOB_KINDS } from './job-payloads.ts';
import { failUnreadable, loadExecution, reportUnreadable } from './load-execution.ts';
import { ticketWaitSubscription } from './ticket-wait-subscription.ts';

export { ExecutionConflictError, JOB_KINDS };

/**
 * The stored execution being moved on: its revision, and whether it may hold
 * wait subscriptions (unknown counts as yes, so a stale row is never left).
 */
export interface PreviousSave {
  readonly revision: number;
  readonly subscribed?: boolean;
  /** The seq of the approval wait it was parked on, and what answered it (to close an undecided request). */
  readonly approvalSeq?: number | null;
  readonly input?: Input['kind'];
}

/** The compiled version an execution is pinned to, found once its record is read (null: gone). */
export type FlowOf = (flowId: string, version: number) => Promise<CompiledFlow | null>;

export interface DriveOutcome {
  readonly state: ExecutionState;
  readonly produced: ProducedItem[];
}

export interface ExecutionDriverDeps {
  readonly activities: ActivityRegistry;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly log?: Logger;
  readonly dryRun?: boolean;
  readonly stepLimit?: number;
  /** Where approval requests are filed; the default workspace unless told otherwise. */
  readonly workspaceId?: string;
  /** Executions started and ended, for GET /metrics; the dry run passes none. */
  readonly metrics?: RuntimeMetrics;
}

/**
 * Carries an engine transition as far as it can go inside one transaction:
 * runs inline activities and feeds their results back, then records the state,
 * the steps and the jobs that will continue it (timers, deferred activities).
 * The caller commits; nothing here outlives a rollback.
 */
export class ExecutionDriver {
  constructor(private readonly deps: ExecutionDriverDeps) {}

  async drive(
    tx: StoreRepositories,
    flow: CompiledFlow,
    first: Applied,
    previous: PreviousSave | null,
    options: { answering?: boolean } = {},
  ): Promise<DriveOutcome> {
    const produced: ProducedItem[] = [];
    const answering = options.answering ?? false;
    const steps: StepRecord[] = [...first.steps];
    let current = first;
    while (current.command.kind === 'activity') {
      const handler = this.deps.activities.get(current.command.nodeType);
      if (handler?.mode === 'deferred') break;
      const result = handler
        ? await this.runInline(tx, current, current.command, { produced, answering })
        : unavailable(current.command.nodeType);
      const next = advance(
        current.state,
        { kind: 'activity_result', seq: current.command.seq, result },
        this.context(flow),
      );
      if (!next.ok) throw new Error(`engine refused its own activity result: ${next.error.message.en}`);
      steps.push(...next.steps);
      current = next;
    }
    await this.persist(tx, current, steps, previous);
    await syncApprovalRequest(
      tx,
      flow,
      current.state,
      { seq: previous?.approvalSeq ?? null, ...(previous?.input ? { input: previous.input } : {}) },
      this.deps.workspaceId ?? DEFAULT_WORKSPACE_ID,
      this.deps.clock.now().toISOString(),
    );
    await this.schedule(tx, current);
    return { state: current.state, produced };
  }

  /**
   * Feeds an answer to the execution as stored in this transaction and drives
   * it on, on `flowOf` or on the version that finds from the execution's record.
   * `missing` when the execution (or that version) no longer exists; `refused`
   * (with the engine's code) when the answer does not fit its pending command;
   * `unreadable` when its stored state does not parse (it is then marked
   * failed, in `tx`).
   */
  async applyInput(
    tx: StoreRepositories,
    flowOf: CompiledFlow | FlowOf,
    executionId: string,
    input: Input,
  ): Promise<{ outcome: 'applied' | 'missing' | 'unreadable' } | { outcome: 'refused'; code: string }> {
    const record = await tx.executions.get(executionId);
    if (!record) return { outcome: 'missing' };
    const flow = typeof flowOf === 'function' ? await flowOf(record.flowId, record.version) : flowOf;
    if (!flow) return { outcome: 'missing' };
    const loaded = loadExecution(record);
    if (!loaded.ok) {
      reportUnreadable(this.deps.log ?? silentLogger, loaded, input.kind);
      await failUnreadable(tx, loaded, this.deps.clock.now().toISOString());
      return { outcome: 'unreadable' };
    }
    const { state } = loaded;
    const result = this.advanceStored(flow, state, input);
    if (!result.ok) return { outcome: 'refused', code: result.error.code };
    const subscribed = ticketWaitSubscription(state) !== null;
    await this.drive(tx, flow, result, {
      revision: record.revision,
      subscribed,
      approvalSeq: pendingApprovalSeq(state),
      input: input.kind,
    });
    return { outcome: 'applied' };
  }

  /** Applies an answer (timer, event, deferred result, retry) to a stored execution. */
  advanceStored(flow: CompiledFlow, state: ExecutionState, input: Input) {
    return advance(state, input, this.context(flow));
  }

  private context(flow: CompiledFlow) {
    return {
      flow,
      now: this.deps.clock.now().toISOString(),
      ...(this.deps.stepLimit ? { stepLimit: this.deps.stepLimit } : {}),
    };
  }

  private async runInline(
    tx: StoreRepositories,
    current: Applied,
    command: ActivityCommand,
    answer: { produced: ProducedItem[]; answering: boolean },
  ): Promise<ActivityResult> {
    const handler = this.deps.activities.get(command.nodeType);
    if (handler?.mode !== 'inline') return unavailable(command.nodeType);
    const now = this.deps.clock.now();
    const ctx: InlineActivityContext = {
      executionId: current.state.executionId,
      idempotencyKey: activityKey(current.state, command),
      now,
      dryRun: this.deps.dryRun ?? false,
      tx,
      enqueue: async (job) => {
        await tx.jobs.enqueue({ ...job, id: this.deps.ids.next(), now: now.toISOString() });
      },
      produce: (item) => answer.produced.push(item),
      answering: answer.answering,
    };
    try {
      return await handler.run(command, ctx);
    } catch (error) {
      // A bug in an activity must not lose the execution: it becomes a retryable incident.
      return {
        ok: false,
        error: {
          code: 'runtime.activity_crashed',
          params: { detail: String((error as Error)?.message ?? error) },
          retryable: true,
        },
      };
    }
  }

  private async persist(
    tx: StoreRepositories,
    current: Applied,
    steps: StepRecord[],
    previous: PreviousSave | null,
  ): Promise<void> {
    const { state } = current;
    const document = stateDocument(state);
    const finishedAt = state.finishedAt ?? null;
    if (previous === null) {
      // A run that finished before its first save is written once, already finished.
      await tx.executions.create({
        id: state.executionId,
        flowId: state.flowId,
        version: state.version,
        status: state.status,
        currentNodeId: state.cursor.nodeId,
        state: document,
        startedAt: state.startedAt,
        updatedAt: state.updatedAt,
        finishedAt,
      });
    } else {
      await this.save(tx, state, previous.revision, document);
    }
    if (steps.length > 0) await tx.executions.appendSteps(state.executionId, steps.map(storedStep));
    await this.syncWaitSubscriptions(tx, state, previous);
    this.count(state, previous === null);
  }

  /**
   * Counted when the state is written, inside the transaction: the rare
   * transaction that rolls back after this (a lost lease, a conflict) has
   * still been counted, which the metrics' help text admits.
   */
  private count(state: ExecutionState, created: boolean): void {
    const metrics = this.deps.metrics;
    if (!metrics) return;
    if (created) metrics.executionStarted(state.flowId);
    if (state.status === 'completed' || state.status === 'failed' || state.status === 'cancelled') {
      metrics.executionEnded(state.flowId, state.status);
    }
  }

  /**
   * Keeps the index of ticket-event waits in step with the saved state, in the
   * same transaction. Executions that never waited for a ticket event cost no
   * extra write.
   */
  private async syncWaitSubscriptions(
    tx: StoreRepositories,
    state: ExecutionState,
    previous: PreviousSave | null,
  ): Promise<void> {
    const subscription = ticketWaitSubscription(state);
    if (subscription) await tx.waitSubscriptions.replaceFor(state.executionId, [subscription]);
    else if (previous !== null && (previous.subscribed ?? true)) {
      await tx.waitSubscriptions.replaceFor(state.executionId, []);
    }
  }

  private async save(tx: StoreRepositories, state: ExecutionState, revision: number, document: JsonObject) {
    const saved = await tx.executions.save(
      state.executionId,
      {
        state: document,
        status: state.status,
        currentNodeId: state.cursor.nodeId,
        updatedAt: state.updatedAt,
        finishedAt: state.finishedAt ?? null,
      },
      revision,
    );
    if (!saved.ok) throw new ExecutionConflictError(state.executionId, saved.reason);
  }

  /** Jobs that will answer the pending command: a timer, a wait timeout, a deferred activity. */
  private async schedule(tx: StoreRepositories, current: Applied): Promise<void> {
    const { command, state } = current;
    const now = this.deps.clock.now().toISOString();
    const base = { executionId: state.executionId, seq: command.kind === 'finish' ? 0 : command.seq };
    if (command.kind === 'wait') {
      if (command.until) {
        await tx.jobs.enqueue({
          id: this.deps.ids.next(),
          kind: JOB_KINDS.timer,
          runAt: command.until,
          payload: base,
          idempotencyKey: `timer:${state.executionId}:${command.seq}`,
          now,
        });
      }
      if (command.timeoutAt) {
        await tx.jobs.enqueue({
          id: this.deps.ids.next(),
          kind: JOB_KINDS.waitTimeout,
          runAt: command.timeoutAt,
          payload: base,
          idempotencyKey: `timeout:${state.executionId}:${command.seq}`,
          now,
        });
      }
    } else if (command.kind === 'activity') {
      await tx.jobs.enqueue({
        id: this.deps.ids.next(),
        kind: JOB_KINDS.activity,
        runAt: now,
        payload: base,
        idempotencyKey: `activity:${activityKey(state, command)}:${command.seq}`,
        now,
      });
    }
  }
}

function unavailable(nodeType: string): ActivityResult {
  return {
    ok: false,
    error: {
      code: 'runtime.activity_unavailable',
      params: { type: nodeType },
      retryable: true,
    },
  };
}

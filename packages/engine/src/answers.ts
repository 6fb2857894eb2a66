import type { PendingCommand } from './command.schema.ts';
import type { CompiledNode } from './compile-flow.ts';
import { type AdvanceResult, applied, reject } from './engine-result.ts';
import type { ExecutionState } from './execution-state.schema.ts';
import { DataPatchSchema, mergeData } from './flow-data.schema.ts';
import type { ParsedInput } from './input.schema.ts';
import { failNode, finishCommand, follow, proceed, type Run, recordStep } from './run-loop.ts';

/**
 * Answers to the pending command: an activity's result, a fired timer, an
 * awaited event or its timeout. Each is checked against the command it
 * answers before anything changes.
 */
type Answer = Extract<ParsedInput, { seq: number }>;

function fits(answer: Answer, command: PendingCommand): boolean {
  switch (answer.kind) {
    case 'activity_result':
      return command.kind === 'activity';
    case 'timer_fired':
      return command.kind === 'wait' && command.event === undefined;
    case 'event_received':
    case 'wait_timed_out':
      return command.kind === 'wait' && command.event !== undefined;
    default: {
      const unknownAnswer: never = answer;
      throw new Error(`Unknown answer ${JSON.stringify(unknownAnswer)}`);
    }
  }
}

function describe(command: PendingCommand): string {
  if (command.kind === 'activity') return `activity ${command.nodeType}`;
  return command.event ? `event ${command.event.name}` : 'timer';
}

function isEarly(now: string, due: string | undefined): boolean {
  return due !== undefined && Date.parse(now) < Date.parse(due);
}

function activityResult(
  run: Run,
  node: CompiledNode,
  issuedAt: string,
  answer: Answer & { kind: 'activity_result' },
) {
  const fields = { input: { config: node.config }, startedAt: issuedAt };
  const { result } = answer;
  if (!result.ok) {
    return proceed(run, failNode(run, node, result.error, { ...fields, output: {} }));
  }
  const patch = DataPatchSchema.safeParse(result.output);
  if (!patch.success) {
    const detail = patch.error.issues[0]?.message ?? '';
    const failure = {
      code: 'engine.activity_output_invalid',
      params: { detail },
      retryable: false,
    };
    return proceed(run, failNode(run, node, failure, { ...fields, output: result.output }));
  }
  const port = result.port ?? 'next';
  if (!node.ports.has(port)) {
    const failure = {
      code: 'engine.unknown_port',
      params: { port },
      retryable: false,
    };
    return proceed(run, failNode(run, node, failure, { ...fields, output: result.output }));
  }
  run.state.data = mergeData(run.state.data, patch.data);
  recordStep(run, node, { ...fields, output: result.output, port });
  return proceed(run, follow(run, node, port));
}

export function applyAnswer(run: Run, original: ExecutionState, answer: Answer): AdvanceResult {
  if (original.status !== 'running' && original.status !== 'waiting') {
    return reject(original, 'engine.not_active', { status: original.status });
  }
  const pending = original.pending;
  if (!pending) return reject(original, 'engine.unexpected_input', { pending: 'nothing', kind: answer.kind });
  const { command, issuedAt } = pending;
  if (answer.seq !== command.seq) {
    return reject(original, 'engine.stale_seq', { expected: command.seq, got: answer.seq });
  }
  if (!fits(answer, command)) {
    return reject(original, 'engine.unexpected_input', { pending: describe(command), kind: answer.kind });
  }
  const node = run.flow.nodes.get(command.nodeId);
  if (!node) {
    const failure = {
      nodeId: command.nodeId,
      code: 'engine.node_missing',
      params: { node: command.nodeId },
      retryable: false,
      at: run.env.now,
    };
    return applied(run, finishCommand(run, 'failed', failure));
  }
  run.state.pending = null;
  run.state.status = 'running';
  switch (answer.kind) {
    case 'activity_result':
      return applied(run, activityResult(run, node, issuedAt, answer));
    case 'timer_fired': {
      if (command.kind !== 'wait' || isEarly(run.env.now, command.until)) {
        return reject(original, 'engine.timer_early', {
          until: command.kind === 'wait' ? command.until : '',
        });
      }
      recordStep(run, node, {
        input: { until: command.until },
        output: { firedAt: run.env.now },
        port: 'next',
        startedAt: issuedAt,
      });
      return applied(run, proceed(run, follow(run, node, 'next')));
    }
    case 'event_received': {
      if (command.kind === 'wait' && isApprovalWait(command)) {
        return approvalDecided(run, original, node, issuedAt, answer);
      }
      if (answer.event.kind === 'approval') {
        return reject(original, 'engine.event_not_awaited', { detail: 'approval' });
      }
      const statuses = command.kind === 'wait' ? (command.event?.statuses ?? []) : [];
      if (statuses.length > 0 && !statuses.includes(String(answer.event.status))) {
        return reject(original, 'engine.event_not_awaited', {
          detail: `status ${String(answer.event.status)}`,
        });
      }
      const patch = DataPatchSchema.safeParse(answer.output ?? {});
      if (!patch.success)
        return reject(original, 'engine.invalid_input', { detail: patch.error.issues[0]?.message });
      run.state.data = { ...mergeData(run.state.data, patch.data), event: answer.event };
      recordStep(run, node, {
        input: { event: command.kind === 'wait' ? command.event?.name : undefined },
        output: { event: answer.event },
        port: 'received',
        startedAt: issuedAt,
      });
      return applied(run, proceed(run, follow(run, node, 'received')));
    }
    case 'wait_timed_out': {
      const timeoutAt = command.kind === 'wait' ? command.timeoutAt : undefined;
      if (isEarly(run.env.now, timeoutAt))
        return reject(original, 'engine.timer_early', { until: timeoutAt });
      if (command.kind === 'wait' && isApprovalWait(command))
        return approvalTimedOut(run, node, issuedAt, timeoutAt);
      recordStep(run, node, {
        input: { timeoutAt },
        output: { timedOutAt: run.env.now },
        port: 'timeout',
        startedAt: issuedAt,
      });
      return applied(run, proceed(run, follow(run, node, 'timeout')));
    }
    default: {
      const unknownAnswer: never = answer;
      return reject(original, 'engine.invalid_input', { detail: JSON.stringify(unknownAnswer) });
    }
  }
}

function isApprovalWait(command: PendingCommand): boolean {
  return command.kind === 'wait' && command.event?.name === 'approval';
}

const DECISIONS: readonly string[] = ['approved', 'rejected'];
const TIMEOUT_OUTCOMES: readonly string[] = ['approved', 'rejected', 'timed_out'];

/**
 * A person decided an "Ask for approval" step: the execution leaves by the
 * decision's port, and `approval` in the data says who decided what, so later
 * steps can quote the note. Only an approval event with a decision answers.
 */
function approvalDecided(
  run: Run,
  original: ExecutionState,
  node: CompiledNode,
  issuedAt: string,
  answer: Answer & { kind: 'event_received' },
): AdvanceResult {
  const { event } = answer;
  const decision = String(event.decision ?? '');
  if (event.kind !== 'approval' || !DECISIONS.includes(decision)) {
    return reject(original, 'engine.event_not_awaited', { detail: `${String(event.kind)} ${decision}` });
  }
  const approval = {
    decision,
    note: typeof event.note === 'string' ? event.note : '',
    decidedBy: typeof event.decidedBy === 'string' ? event.decidedBy : '',
    decidedAt: typeof event.decidedAt === 'string' ? event.decidedAt : run.env.now,
  };
  run.state.data = { ...run.state.data, approval };
  recordStep(run, node, {
    input: { event: 'approval' },
    output: { approval },
    port: decision,
    startedAt: issuedAt,
  });
  return applied(run, proceed(run, follow(run, node, decision)));
}

/** Nobody decided in time: the node's `onTimeout` says which port that counts as. */
function approvalTimedOut(run: Run, node: CompiledNode, issuedAt: string, timeoutAt: string | undefined) {
  const configured = String((node.config as { onTimeout?: unknown }).onTimeout ?? 'timed_out');
  const port = TIMEOUT_OUTCOMES.includes(configured) ? configured : 'timed_out';
  const approval = { decision: port, note: '', decidedBy: '', decidedAt: run.env.now, timedOut: true };
  run.state.data = { ...run.state.data, approval };
  recordStep(run, node, {
    input: { timeoutAt },
    output: { timedOutAt: run.env.now, approval },
    port,
    startedAt: issuedAt,
  });
  return applied(run, proceed(run, follow(run, node, port)));
}

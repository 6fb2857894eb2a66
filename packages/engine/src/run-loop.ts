import type { ActivityCommand, Command, FinishCommand, Incident, WaitCommand } from './command.schema.ts';
import { type CompiledFlow, type CompiledNode, edgeTarget } from './compile-flow.ts';
import type { ExecutionState } from './execution-state.schema.ts';
import { executeNode } from './executors/execute-node.ts';
import type { NodeEnvironment, NodeFailure, PlannedWait } from './executors/node-outcome.ts';
import type { StepRecord } from './step.schema.ts';

/**
 * One advance's work: a private working copy of the state that the loop
 * updates, and the steps it records. Logic nodes run here until the flow
 * needs the outside world (an activity or a wait) or ends.
 */
export interface Run {
  readonly flow: CompiledFlow;
  readonly env: NodeEnvironment;
  readonly stepLimit: number;
  readonly state: ExecutionState;
  readonly steps: StepRecord[];
}

/** Where to go after a node: another node, or hand a command back to the runtime. */
export type Next =
  | { readonly kind: 'node'; readonly nodeId: string }
  | { readonly kind: 'command'; readonly command: Command };

export const DEFAULT_STEP_LIMIT = 500;

/**
 * The working copy of a state for one advance. States, commands and steps are
 * immutable values: the engine never changes an object it was given or has
 * returned, it replaces them. So only the top level and the two maps the loop
 * writes into are copied, and the rest (data above all) is shared.
 */
export function workingCopy(state: ExecutionState, now: string): ExecutionState {
  return { ...state, visits: { ...state.visits }, cursor: { ...state.cursor }, updatedAt: now };
}

export function enterNode(run: Run, nodeId: string): number {
  const visit = (run.state.visits[nodeId] ?? 0) + 1;
  run.state.visits[nodeId] = visit;
  run.state.cursor = { nodeId, visit };
  return visit;
}

interface StepFields {
  readonly input: Record<string, unknown>;
  readonly output: Record<string, unknown>;
  readonly port?: string;
  readonly startedAt?: string;
  readonly error?: NodeFailure;
}

export function recordStep(run: Run, node: CompiledNode, fields: StepFields): void {
  run.state.stepSeq += 1;
  const step: StepRecord = {
    seq: run.state.stepSeq,
    nodeId: node.id,
    nodeType: node.type,
    visit: run.state.cursor.visit,
    input: fields.input,
    output: fields.output,
    startedAt: fields.startedAt ?? run.env.now,
    finishedAt: run.env.now,
  };
  if (fields.port !== undefined) step.port = fields.port;
  if (fields.error) {
    step.error = {
      code: fields.error.code,
      params: { ...fields.error.params },
      retryable: fields.error.retryable,
    };
  }
  run.steps.push(step);
}

/** Ends the execution; the finish command needs no answer. */
export function finishCommand(run: Run, status: FinishCommand['status'], incident?: Incident): FinishCommand {
  run.state.status = status;
  run.state.pending = null;
  run.state.finishedAt = run.env.now;
  if (incident) run.state.incident = incident;
  return incident ? { kind: 'finish', status, incident } : { kind: 'finish', status };
}

export function finish(run: Run, status: FinishCommand['status'], incident?: Incident): Next {
  return { kind: 'command', command: finishCommand(run, status, incident) };
}

/** Follows the edge on `port`; a port with no edge is where the flow ends, successfully. */
export function follow(run: Run, node: CompiledNode, port: string): Next {
  const target = edgeTarget(run.flow, node.id, port);
  return target === undefined ? finish(run, 'completed') : { kind: 'node', nodeId: target };
}

export function incidentFor(run: Run, nodeId: string, failure: NodeFailure): Incident {
  return {
    nodeId,
    code: failure.code,
    params: { ...failure.params },
    retryable: failure.retryable,
    at: run.env.now,
  };
}

/** A failure takes the error port when one is connected; otherwise the execution fails with an incident. */
export function failNode(
  run: Run,
  node: CompiledNode,
  failure: NodeFailure,
  fields: Omit<StepFields, 'error' | 'port'>,
): Next {
  const errorTarget = node.ports.has('error') ? edgeTarget(run.flow, node.id, 'error') : undefined;
  if (errorTarget !== undefined) {
    recordStep(run, node, { ...fields, error: failure, port: 'error' });
    return { kind: 'node', nodeId: errorTarget };
  }
  recordStep(run, node, { ...fields, error: failure });
  return finish(run, 'failed', incidentFor(run, node.id, failure));
}

function issue(run: Run, command: ActivityCommand | WaitCommand): Next {
  run.state.pending = { command, issuedAt: run.env.now };
  run.state.status = command.kind === 'wait' ? 'waiting' : 'running';
  return { kind: 'command', command };
}

function issueActivity(run: Run, node: CompiledNode): Next {
  run.state.seq += 1;
  return issue(run, {
    kind: 'activity',
    seq: run.state.seq,
    nodeId: node.id,
    nodeType: node.type,
    visit: run.state.cursor.visit,
    config: node.config,
    input: run.state.data,
  });
}

function issueWait(run: Run, node: CompiledNode, wait: PlannedWait): Next {
  run.state.seq += 1;
  return issue(run, { kind: 'wait', seq: run.state.seq, nodeId: node.id, ...wait });
}

/** Executes the node the cursor is on (already entered) and says where to go next. */
function runNode(run: Run, node: CompiledNode): Next {
  const outcome = executeNode(node, run.state.data, run.env);
  switch (outcome.kind) {
    case 'port':
      if (outcome.data) run.state.data = outcome.data;
      recordStep(run, node, { input: outcome.input, output: outcome.output, port: outcome.port });
      return follow(run, node, outcome.port);
    case 'failure':
      return failNode(run, node, outcome.failure, { input: outcome.input, output: {} });
    case 'activity':
      return issueActivity(run, node);
    case 'wait':
      return issueWait(run, node, outcome.wait);
    case 'end':
      recordStep(run, node, { input: {}, output: { outcome: outcome.outcome } });
      return finish(run, outcome.outcome);
    default: {
      const unknownOutcome: never = outcome;
      throw new Error(`Unknown outcome ${JSON.stringify(unknownOutcome)}`);
    }
  }
}

/** Only a state that does not belong to this version can point at a node it lacks. */
function missingNode(run: Run, nodeId: string): Command {
  const failure = {
    code: 'engine.node_missing',
    params: { node: nodeId },
    retryable: false,
  };
  return finishCommand(run, 'failed', incidentFor(run, nodeId, failure));
}

function stepLimitReached(run: Run, nodeId: string): Command {
  const failure = {
    code: 'engine.step_limit',
    params: { limit: run.stepLimit },
    retryable: false,
  };
  return finishCommand(run, 'failed', incidentFor(run, nodeId, failure));
}

/**
 * Runs nodes from `start` until a command comes out. `enter` is false when the
 * cursor is already on the start node (a retry re-runs the same visit, so an
 * activity keeps its idempotency key). At most `stepLimit` nodes run, so a loop
 * of logic nodes ends in an incident instead of spinning forever.
 */
export function runFrom(run: Run, start: string, enter: boolean): Command {
  let next: Next = { kind: 'node', nodeId: start };
  let executed = 0;
  let entering = enter;
  while (next.kind === 'node') {
    const node = run.flow.nodes.get(next.nodeId);
    if (!node) return missingNode(run, next.nodeId);
    // The step limit is an engine guard, not a node failure: it never takes an error port.
    if (executed >= run.stepLimit) return stepLimitReached(run, node.id);
    executed += 1;
    if (entering) enterNode(run, node.id);
    entering = true;
    next = runNode(run, node);
  }
  return next.command;
}

/** Continues after a node that finished outside the loop (an activity result, a fired timer). */
export function proceed(run: Run, next: Next): Command {
  return next.kind === 'command' ? next.command : runFrom(run, next.nodeId, true);
}

import type { ActivityCommand, Command, WaitCommand } from '../command.schema.ts';
import type { CompiledFlow } from '../compile-flow.ts';
import type { Applied } from '../engine-result.ts';
import type { ExecutionState } from '../execution-state.schema.ts';
import type { TriggerEvent } from '../flow-data.schema.ts';
import type { ActivityResult, Input } from '../input.schema.ts';
import { advance, type EngineContext, start } from '../interpreter.ts';
import type { StepRecord } from '../step.schema.ts';

/**
 * A tiny runtime for scenario tests: a simulated clock, fake activities by node
 * type, and an optional source of awaited events. It runs an execution until
 * it finishes (or a handler says to stop), recording every input for replay.
 */
export class SimulatedClock {
  private ms: number;
  constructor(startAt: string) {
    this.ms = Date.parse(startAt);
  }
  now(): string {
    return new Date(this.ms).toISOString();
  }
  /** Moves forward only: a timer never fires before its time. */
  advanceTo(instant: string): void {
    this.ms = Math.max(this.ms, Date.parse(instant));
  }
  advanceBy(ms: number): void {
    this.ms += ms;
  }
}

export type ActivityHandler = (command: ActivityCommand) => ActivityResult | 'stop';
/** Returns when the event happens (before the timeout) and what it is, or undefined to let it time out. */
export type EventSource = (
  command: WaitCommand,
) => { at: string; event: Record<string, unknown> } | undefined;

export interface RecordedInput {
  readonly input: Input;
  readonly now: string;
}

export interface RunOutcome {
  readonly state: ExecutionState;
  readonly command: Command;
  readonly steps: StepRecord[];
  readonly commands: Command[];
  readonly inputs: RecordedInput[];
  /** The state after start and after each input, for replay comparisons. */
  readonly states: ExecutionState[];
}

export interface RunOptions {
  readonly executionId?: string;
  readonly events?: EventSource;
  readonly context?: Omit<EngineContext, 'now'>;
  readonly maxRounds?: number;
}

function answerWait(command: WaitCommand, clock: SimulatedClock, events?: EventSource): Input {
  if (!command.event) {
    clock.advanceTo(command.until ?? clock.now());
    return { kind: 'timer_fired', seq: command.seq };
  }
  const happened = events?.(command);
  if (happened && (!command.timeoutAt || Date.parse(happened.at) < Date.parse(command.timeoutAt))) {
    clock.advanceTo(happened.at);
    return { kind: 'event_received', seq: command.seq, event: happened.event };
  }
  clock.advanceTo(command.timeoutAt ?? clock.now());
  return { kind: 'wait_timed_out', seq: command.seq };
}

export function runUntilIdle(
  flow: CompiledFlow,
  trigger: TriggerEvent,
  handlers: Readonly<Record<string, ActivityHandler>>,
  clock: SimulatedClock,
  options: RunOptions = {},
): RunOutcome {
  const ctx = options.context ?? {};
  let result: Applied = start(flow, trigger, {
    ...ctx,
    now: clock.now(),
    executionId: options.executionId ?? 'exec-1',
  });
  const steps = [...result.steps];
  const commands: Command[] = [result.command];
  const inputs: RecordedInput[] = [];
  const states = [result.state];
  for (let round = 0; round < (options.maxRounds ?? 200); round++) {
    const command = result.command;
    if (command.kind === 'finish') break;
    let input: Input;
    if (command.kind === 'activity') {
      const handler = handlers[command.nodeType];
      if (!handler) throw new Error(`No fake activity for ${command.nodeType}`);
      const answer = handler(command);
      if (answer === 'stop') break;
      input = { kind: 'activity_result', seq: command.seq, result: answer };
    } else {
      input = answerWait(command, clock, options.events);
    }
    inputs.push({ input, now: clock.now() });
    const next = advance(result.state, input, { ...ctx, now: clock.now(), flow });
    if (!next.ok) throw new Error(`Input refused: ${next.error.code} ${next.error.message.en}`);
    result = next;
    steps.push(...next.steps);
    commands.push(next.command);
    states.push(next.state);
  }
  return { state: result.state, command: result.command, steps, commands, inputs, states };
}

/** Replays recorded inputs against the engine and returns the states it produces. */
export function replay(
  flow: CompiledFlow,
  trigger: TriggerEvent,
  startedAt: string,
  inputs: readonly RecordedInput[],
  options: Pick<RunOptions, 'executionId' | 'context'> = {},
): ExecutionState[] {
  const ctx = options.context ?? {};
  let state = start(flow, trigger, {
    ...ctx,
    now: startedAt,
    executionId: options.executionId ?? 'exec-1',
  }).state;
  const states = [state];
  for (const { input, now } of inputs) {
    const next = advance(state, input, { ...ctx, now, flow });
    if (!next.ok) throw new Error(`Replay refused: ${next.error.code}`);
    state = next.state;
    states.push(state);
  }
  return states;
}

/** A fake activity that succeeds with the given output. */
export function succeed(output: Record<string, unknown> = {}, port?: string): ActivityHandler {
  return () => (port === undefined ? { ok: true, output } : { ok: true, port, output });
}

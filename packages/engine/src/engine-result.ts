import type { Command } from './command.schema.ts';
import { type EngineMessageCode, engineMessage } from './engine-messages.ts';
import type { ExecutionState } from './execution-state.schema.ts';
import type { LocalizedText } from './model-imports.ts';
import type { Run } from './run-loop.ts';
import type { StepRecord } from './step.schema.ts';

/** The input was applied: save `state`, carry out `command`, append `steps` to the trace. */
export interface Applied {
  readonly ok: true;
  readonly state: ExecutionState;
  readonly command: Command;
  readonly steps: StepRecord[];
}

/** The input was refused (stale seq, wrong kind, too early…): `state` is the one given, untouched. */
export interface Rejected {
  readonly ok: false;
  readonly state: ExecutionState;
  readonly error: { readonly code: EngineMessageCode; readonly message: LocalizedText };
}

export type AdvanceResult = Applied | Rejected;

export function reject(
  state: ExecutionState,
  code: EngineMessageCode,
  params: Record<string, string | number | undefined> = {},
): Rejected {
  return { ok: false, state, error: { code, message: engineMessage(code, params) } };
}

export function applied(run: Run, command: Command): Applied {
  return { ok: true, state: run.state, command, steps: run.steps };
}

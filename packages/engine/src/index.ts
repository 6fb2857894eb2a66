/**
 * @flowdesk/engine — the pure, deterministic flow interpreter. The runtime
 * compiles a published version once, then feeds `start`/`advance` and carries
 * out the commands they return.
 */
export {
  type AcceptsEventVerdict,
  acceptsEvent,
  type WaitAnswerEvent,
  type WaitRefusal,
} from './accepts-event.ts';
export type {
  ActivityCommand,
  Command,
  FinishCommand,
  Incident,
  PendingCommand,
  WaitCommand,
} from './command.schema.ts';
export {
  ActivityCommandSchema,
  CommandSchema,
  FinishCommandSchema,
  IncidentSchema,
  PendingCommandSchema,
  WaitCommandSchema,
} from './command.schema.ts';
export type { CompiledFlow, CompiledNode, FlowVersionLike } from './compile-flow.ts';
export { compileFlow, edgeTarget, FlowCompileError } from './compile-flow.ts';
export {
  ENGINE_MESSAGES,
  type EngineMessageCode,
  engineMessage,
  engineText,
  isEngineMessageCode,
} from './engine-messages.ts';
export type { AdvanceResult, Applied, Rejected } from './engine-result.ts';
export type { ExecutionState, ExecutionStatus } from './execution-state.schema.ts';
export { EXECUTION_STATUSES, ExecutionStateSchema } from './execution-state.schema.ts';
export { type ActivityNodeType, runsInEngine } from './executors/execute-node.ts';
export { ruleEvaluationFailure } from './executors/logic-executors.ts';
export type { NodeFailure } from './executors/node-outcome.ts';
export { type ExpressionResult, evaluateExpression } from './expression.ts';
export { readField } from './field-path.ts';
export type { DataPatch, DataSource, FlowData, TriggerEvent } from './flow-data.schema.ts';
export {
  DATA_SOURCES,
  DataPatchSchema,
  FlowDataSchema,
  mergeData,
  TriggerEventSchema,
} from './flow-data.schema.ts';
export type { ActivityError, ActivityResult, Input, ParsedInput } from './input.schema.ts';
export { ActivityErrorSchema, ActivityResultSchema, InputSchema } from './input.schema.ts';
export type { AdvanceContext, EngineContext, StartContext } from './interpreter.ts';
export { activityKey, advance, start, startFailed } from './interpreter.ts';
export { evaluateRuleGroup, isEmptyValue, testOperator } from './rules.ts';
export { DEFAULT_STEP_LIMIT } from './run-loop.ts';
export type { StepRecord } from './step.schema.ts';
export { StepRecordSchema } from './step.schema.ts';
export {
  maskText,
  type OutputEscape,
  type RenderedTemplate,
  renderLocalizedTemplate,
  renderTemplate,
  type TemplateLimit,
  type TemplateOptions,
  TemplateRenderError,
  templateFailure,
} from './template.ts';
/** A simulated clock and fake-activity loop: for scenario tests and offline dry runs (`flowdesk run`). */
export {
  type ActivityHandler as SimulatedActivity,
  type EventSource,
  type RecordedInput,
  type RunOutcome,
  replay,
  runUntilIdle,
  SimulatedClock,
  succeed,
} from './testing/run-until-idle.ts';
export { nextCronFire } from './time/cron-fire.ts';
export { addDuration, isWithinCalendar, nextLocalTime } from './time/time-helpers.ts';
export {
  addLocalDays,
  formatLocalDate,
  type LocalDateTime,
  localParts,
  localToInstant,
} from './time/zoned-time.ts';

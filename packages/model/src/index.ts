export * from './catalog/catalog.types.ts';
export type { SwitchCase } from './catalog/logic.catalog.ts';
export * from './catalog/node-catalog.ts';
export type * from './catalog/node-type-unions.ts';
export {
  APPROVAL_OUTCOMES,
  type ApprovalOutcome,
  SUPERVISOR_DECIDER,
} from './catalog/timing.catalog.ts';
export { ENTRY_CONDITION_SOURCES, ENTRY_CONDITION_SOURCES_BY_TRIGGER } from './catalog/triggers.catalog.ts';
export * from './category-label.ts';
export * from './config-parts.schema.ts';
export * from './cron.ts';
export * from './fields.ts';
export * from './flow-graph.schema.ts';
export * from './i18n.ts';
export * from './json-schema.ts';
export * from './linear-pattern.ts';
export * from './lint/available-fields.ts';
export * from './lint/config-validation.ts';
export * from './lint/graph-references.ts';
export * from './lint/lint-flow.ts';
export { type MessageCode, message } from './lint/messages.ts';
export * from './lint/problem.ts';
export * from './lint/workspace-references.ts';
export { describeIssue, flattenIssues, formatPath } from './lint/zod-issues.ts';
export * from './references.ts';
export * from './template-outputs.ts';
export * from './ticket-lifecycle.ts';
export * from './vocabulary.ts';

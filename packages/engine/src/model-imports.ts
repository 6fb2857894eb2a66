/*
 * The one place the engine names @flowdesk/model: what it uses of the flow
 * model, gathered so the dependency is visible at a glance.
 */
export {
  type AnyNodeType,
  type Calendar,
  type CronSpec,
  type Duration,
  durationToMs,
  type FlowGraphInput,
  FlowGraphSchema,
  type FlowSettings,
  getNodeType,
  isLocale,
  type Locale,
  type LocalizedTemplate,
  type LocalizedText,
  LocalizedTextSchema,
  message,
  type NodeCategory,
  type Problem,
  parseCron,
  type Rule,
  type RuleGroup,
  type RuleOperator,
  type Scalar,
  scanTemplate,
  text,
  validateNodeConfig,
  WAIT_EVENTS,
  type WaitEvent,
} from '@flowdesk/model';

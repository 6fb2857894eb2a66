import { type DataPatch, evaluateRuleGroup } from '@flowdesk/engine';
import {
  type Channel,
  ENTRY_CONDITION_SOURCES_BY_TRIGGER,
  type FlowGraph,
  getNodeType,
  type RuleGroup,
} from '@flowdesk/model';
import type { JsonObject } from '@flowdesk/store';
import { customerFacts } from '../customer-facts.ts';
import { requestTriggerData } from '../request-trigger-data.ts';
import {
  type EntryFacts,
  type RequestFacts,
  type RequestTriggerConfig,
  selectRequestFlows,
} from '../trigger-match.ts';
import { type DryRunOptions, type DryRunOutcome, dryRunFlow } from './dry-run.ts';

/**
 * The editor's test run of one flow: the sample and, when given, the customer
 * profile go where the live runtime puts the customer. For a request, entry
 * conditions read the stored profile with what the request says on top (as
 * `requestCustomer()` does) and identify-customer finds it; for an event, the
 * trigger brings it (as `eventCustomer()` does). A sample the trigger's
 * filters or entry conditions turn away starts nothing, as live.
 */
export interface SampleRunOutcome extends DryRunOutcome {
  /** Present when the flow would not start for this sample: its trigger's filters or entry conditions refuse it. */
  readonly notStarted?: 'conditions';
}

const REQUEST_TRIGGER = 'trigger.request_received';

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Stands in for the id intake would give the request; nothing is stored under it. */
export const TEST_REQUEST_ID = 'test-request';

/**
 * The sample as intake hands a request to flows (`requestTriggerData()`): with
 * an id, its arrival time and its language. What the sample says itself wins.
 */
export function arrivedSample(data: DataPatch, startedAt: string): DataPatch {
  if (!data.request) return data;
  const request = asRecord(data.request);
  const arrival = {
    id: typeof request.id === 'string' ? request.id : TEST_REQUEST_ID,
    receivedAt: typeof request.receivedAt === 'string' ? request.receivedAt : startedAt,
  };
  return { ...data, request: requestTriggerData(request, arrival) };
}

export function triggerOf(graph: FlowGraph): { type: string; config: unknown } | undefined {
  const node = graph.nodes.find((candidate) => getNodeType(candidate.type)?.category === 'trigger');
  if (!node) return undefined;
  const parsed = getNodeType(node.type)?.configSchema.safeParse(node.config);
  return { type: node.type, config: parsed?.success ? parsed.data : node.config };
}

/** The trigger data a live event would bring: the customer it names, found in the profiles (as `eventCustomer()`). */
export function eventStartData(
  type: string | undefined,
  data: DataPatch,
  customer: JsonObject | undefined,
): DataPatch {
  if (!customer || !type || type === REQUEST_TRIGGER) return data;
  const sources: readonly string[] =
    ENTRY_CONDITION_SOURCES_BY_TRIGGER[type as keyof typeof ENTRY_CONDITION_SOURCES_BY_TRIGGER] ?? [];
  if (!sources.includes('customer')) return data;
  return { ...data, customer: customerFacts(customer, asRecord(data.customer), 'event') };
}

/** What intake's trigger matching reads of a request sample: its filters' facts and its entry conditions' facts. */
export function requestSampleFacts(
  data: DataPatch,
  customer: JsonObject | undefined,
): { request: RequestFacts; entry: EntryFacts } {
  const request = asRecord(data.request);
  return {
    request: {
      channel: String(request.channel ?? 'api') as Channel,
      message: String(request.message ?? ''),
      ...(typeof request.category === 'string' ? { category: request.category } : {}),
      ...(typeof request.subject === 'string' ? { subject: request.subject } : {}),
    },
    // As `requestCustomer()`: the profile with what the request says on top.
    entry: { request, customer: customerFacts(customer, asRecord(request.customer), 'request') },
  };
}

export function requestAdmitted(config: unknown, data: DataPatch, customer: JsonObject | undefined): boolean {
  const facts = requestSampleFacts(data, customer);
  const selected = selectRequestFlows(
    [{ triggerConfig: config as RequestTriggerConfig }],
    facts.request,
    facts.entry,
  );
  return selected.length > 0;
}

/** Entry conditions of another trigger over the data it brings; ones that cannot be evaluated keep the flow from starting, as live. */
export function eventAdmitted(config: unknown, data: DataPatch): boolean {
  const entry = (config as { entry?: RuleGroup } | undefined)?.entry;
  if (!entry || entry.children.length === 0) return true;
  try {
    return evaluateRuleGroup(entry, data);
  } catch {
    return false;
  }
}

export function dryRunSample(
  graph: FlowGraph,
  sample: DataPatch,
  startedAt: string,
  customer?: JsonObject,
  approvalOutcome?: DryRunOptions['approvalOutcome'],
): SampleRunOutcome {
  const data = arrivedSample(sample, startedAt);
  const trigger = triggerOf(graph);
  const started = eventStartData(trigger?.type, data, customer);
  const admitted = !trigger
    ? true
    : trigger.type === REQUEST_TRIGGER
      ? requestAdmitted(trigger.config, data, customer)
      : eventAdmitted(trigger.config, started);
  if (!admitted) {
    return { status: 'not_started', steps: [], effects: [], incident: null, notStarted: 'conditions' };
  }
  return dryRunFlow(graph, { data: started }, startedAt, { customer, approvalOutcome });
}

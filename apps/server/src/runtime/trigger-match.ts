import { evaluateRuleGroup, type NodeFailure, ruleEvaluationFailure } from '@flowdesk/engine';
import type { Channel, RuleGroup, TicketEventKind } from '@flowdesk/model';

/**
 * Whether an incoming request or event starts a flow, given its trigger's
 * parsed config. Pure, so it is tested without a server.
 */

export interface RequestTriggerConfig {
  channels: Channel[];
  categories: string[];
  keywords: string[];
  /** Missing or empty: every request passes (flows saved before entry conditions existed). */
  entry?: RuleGroup;
  /** When this flow starts for a request, later flows in the order do not. */
  exclusive?: boolean;
}

export interface RequestFacts {
  channel: Channel;
  category?: string;
  subject?: string;
  message: string;
}

export function requestMatches(config: RequestTriggerConfig, request: RequestFacts): boolean {
  if (config.channels.length > 0 && !config.channels.includes(request.channel)) return false;
  if (config.categories.length > 0 && !(request.category && config.categories.includes(request.category))) {
    return false;
  }
  if (config.keywords.length === 0) return true;
  const haystack = `${request.subject ?? ''}\n${request.message}`.toLowerCase();
  return config.keywords.some((keyword) => haystack.includes(keyword.toLowerCase()));
}

/** What entry conditions read: the request as flows see it and the customer's stored profile. */
export interface EntryFacts {
  readonly request: Record<string, unknown>;
  readonly customer: Record<string, unknown>;
}

export function entryConditionsHold(entry: RuleGroup | undefined, facts: EntryFacts): boolean {
  if (!entry || entry.children.length === 0) return true;
  return evaluateRuleGroup(entry, facts);
}

/**
 * For the other triggers: whether a live flow's entry conditions let the
 * trigger's data in. Conditions that cannot be evaluated (a pattern over its
 * budget) keep that one flow from starting and are reported, never thrown.
 */
export function entryAdmits(
  triggerConfig: unknown,
  data: unknown,
  onError: (error: unknown) => void = () => undefined,
): boolean {
  const entry = (triggerConfig as { entry?: RuleGroup } | undefined)?.entry;
  if (!entry || entry.children.length === 0) return true;
  try {
    return evaluateRuleGroup(entry, data);
  } catch (error) {
    onError(error);
    return false;
  }
}

export interface RequestCandidate {
  readonly triggerConfig: unknown;
}

export function hasEntryConditions(candidate: RequestCandidate): boolean {
  return ((candidate.triggerConfig as RequestTriggerConfig).entry?.children.length ?? 0) > 0;
}

export interface RequestSelection<T> {
  /** The flows to start, in order. */
  readonly start: T[];
  /** An exclusive flow whose entry conditions could not be evaluated; nothing after it was tried. */
  readonly failedExclusive: { readonly candidate: T; readonly failure: NodeFailure } | null;
}

/** Why entry conditions could not be evaluated, as the incident of a failed start stores it. */
export function entryFailure(error: unknown): NodeFailure {
  const cause = ruleEvaluationFailure(error) ?? {
    code: 'runtime.activity_crashed',
    params: { detail: error instanceof Error ? error.message : String(error) },
  };
  return {
    code: 'runtime.exclusive_entry_failed',
    params: { ...cause.params, cause: cause.code },
    retryable: false,
  };
}

/**
 * The flows a request starts, from the live flows in the workspace's order:
 * every one whose filters and entry conditions hold, up to and including the
 * first exclusive one. A flow whose conditions cannot be evaluated (a pattern
 * over its budget) is reported through `onError`. Not exclusive, it is skipped,
 * so one broken flow does not refuse the request for all the others. Exclusive,
 * it fails closed: it may have been the one flow meant to take the request, so
 * no later flow does (the request must not be handled twice), and the caller
 * records the failure where an admin sees it.
 */
export function chooseRequestFlows<T extends RequestCandidate>(
  ordered: readonly T[],
  request: RequestFacts,
  facts: EntryFacts,
  onError: (candidate: T, error: unknown) => void = () => undefined,
): RequestSelection<T> {
  const start: T[] = [];
  for (const candidate of ordered) {
    const config = candidate.triggerConfig as RequestTriggerConfig;
    if (!requestMatches(config, request)) continue;
    let entered: boolean;
    try {
      entered = entryConditionsHold(config.entry, facts);
    } catch (error) {
      onError(candidate, error);
      if (config.exclusive) return { start, failedExclusive: { candidate, failure: entryFailure(error) } };
      continue;
    }
    if (!entered) continue;
    start.push(candidate);
    if (config.exclusive) break;
  }
  return { start, failedExclusive: null };
}

/** The flows `chooseRequestFlows` starts: for callers that only need to know which would run. */
export function selectRequestFlows<T extends RequestCandidate>(
  ordered: readonly T[],
  request: RequestFacts,
  facts: EntryFacts,
  onError: (candidate: T, error: unknown) => void = () => undefined,
): T[] {
  return chooseRequestFlows(ordered, request, facts, onError).start;
}

export interface ExternalEventTriggerConfig {
  eventName: string;
}

export function externalEventMatches(config: ExternalEventTriggerConfig, eventName: string): boolean {
  return config.eventName === eventName;
}

export interface TicketEventTriggerConfig {
  events: TicketEventKind[];
  statuses: string[];
}

export function ticketEventMatches(
  config: TicketEventTriggerConfig,
  event: { kind: TicketEventKind; status?: string },
): boolean {
  if (!config.events.includes(event.kind)) return false;
  if (event.kind !== 'status_changed' || config.statuses.length === 0) return true;
  return event.status !== undefined && config.statuses.includes(event.status);
}

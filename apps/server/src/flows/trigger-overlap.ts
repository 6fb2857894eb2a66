import {
  FIELD_SOURCES,
  type FieldSource,
  type LocalizedText,
  type Rule,
  type RuleGroup,
  type Scalar,
} from '@flowdesk/model';

/**
 * Which other live flows would start on the same requests or events as a flow
 * about to be published. Conservative on purpose: two triggers overlap unless
 * their configs provably exclude each other (disjoint channels, categories,
 * event kinds, event names, or entry conditions that contradict on one field).
 * A false alarm costs a glance in the publish dialog; a missed overlap costs a
 * customer two tickets. Pure, so it is tested without a store.
 */

export interface TriggerOfFlow {
  readonly flowId: string;
  readonly name: string;
  /** Both languages' names of a flow installed from a template, so the dialog names it in the admin's. */
  readonly localizedName?: LocalizedText;
  readonly type: string;
  /** The trigger's config parsed by its catalog schema (defaults filled in). */
  readonly config: Record<string, unknown>;
}

/** A flow as the publish dialog names it. */
export interface NamedFlowRef {
  readonly flowId: string;
  readonly name: string;
  readonly localizedName?: LocalizedText;
}

export interface OverlappingFlow extends NamedFlowRef {
  /** Before: it is tried first. After: it is tried after the flow being published. */
  readonly order: 'before' | 'after';
  readonly exclusive: boolean;
}

export interface OverlapReport {
  /** An earlier exclusive flow that takes every request this one would: it would never start. */
  readonly hiddenBy: NamedFlowRef | null;
  /** Flows that would also start on some of the same requests. */
  readonly alsoStart: OverlappingFlow[];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Two non-empty filter lists with nothing in common exclude each other; an empty one takes anything. */
function disjointFilters(a: unknown, b: unknown): boolean {
  const left = strings(a);
  const right = strings(b);
  return left.length > 0 && right.length > 0 && !left.some((item) => right.includes(item));
}

export function isExclusive(trigger: TriggerOfFlow): boolean {
  return trigger.type === 'trigger.request_received' && trigger.config.exclusive === true;
}

function entryOf(trigger: TriggerOfFlow): RuleGroup | undefined {
  const entry = trigger.config.entry as RuleGroup | undefined;
  return entry && entry.children.length > 0 ? entry : undefined;
}

/** A request trigger with no filter at all: it takes every request. */
function takesEveryRequest(trigger: TriggerOfFlow): boolean {
  if (trigger.type !== 'trigger.request_received') return false;
  const { channels, categories, keywords } = trigger.config;
  return (
    strings(channels).length === 0 &&
    strings(categories).length === 0 &&
    strings(keywords).length === 0 &&
    !entryOf(trigger)
  );
}

// ---------- What entry conditions say for sure about one field ----------

/** What every request a set of rules lets in has in one field, as the rule builder compares. */
interface FieldFacts {
  /** The value is one of these (canonical form); an empty set means no value can do. */
  oneOf?: Set<string>;
  not: Set<string>;
  mustBeEmpty: boolean;
  mustHaveValue: boolean;
  low?: { value: number; inclusive: boolean };
  high?: { value: number; inclusive: boolean };
}

const NUMERIC_RE = /^\s*-?\d+(\.\d+)?\s*$/;

/** Text without case, a number and its text as one (what `equals` in rules.ts treats as equal). */
function canonical(value: Scalar): string {
  if (typeof value === 'number') return `n:${value}`;
  if (typeof value === 'string' && NUMERIC_RE.test(value)) return `n:${Number(value)}`;
  return `s:${String(value).toLowerCase()}`;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && NUMERIC_RE.test(value)) return Number(value);
  return undefined;
}

/** List fields (tags, attachments) hold several values at once: equality on them proves nothing. */
function isListField(path: string): boolean {
  const [root = '', name] = path.split('.');
  if (!(root in FIELD_SOURCES) || name === undefined) return false;
  const source: FieldSource = FIELD_SOURCES[root as keyof typeof FIELD_SOURCES];
  return source.fields.find((field) => field.name === name)?.type === 'list';
}

/** The rules every request must pass: children of `all` groups, nested `all` groups included. */
function requiredRules(group: RuleGroup | undefined): Rule[] {
  if (group?.combinator !== 'all') return [];
  return group.children.flatMap((child) => (child.kind === 'rule' ? [child] : requiredRules(child)));
}

type Bound = FieldFacts['low'];

function tighter(a: Bound, b: Bound, higherWins: boolean): Bound {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value > b.value === higherWins ? a : b;
  return a.inclusive ? b : a;
}

function addRule(facts: FieldFacts, rule: Rule): void {
  const values = Array.isArray(rule.value) ? rule.value : rule.value === undefined ? [] : [rule.value];
  const number = numberOf(rule.value);
  switch (rule.operator) {
    case 'equals':
    case 'in': {
      const allowed = values.map(canonical);
      facts.oneOf = new Set(facts.oneOf ? allowed.filter((value) => facts.oneOf?.has(value)) : allowed);
      facts.mustHaveValue = true;
      return;
    }
    case 'not_equals':
      for (const value of values) facts.not.add(canonical(value));
      return;
    case 'gt':
    case 'gte':
      facts.mustHaveValue = true;
      if (number !== undefined)
        facts.low = tighter(facts.low, { value: number, inclusive: rule.operator === 'gte' }, true);
      return;
    case 'lt':
    case 'lte':
      facts.mustHaveValue = true;
      if (number !== undefined)
        facts.high = tighter(facts.high, { value: number, inclusive: rule.operator === 'lte' }, false);
      return;
    case 'is_empty':
      facts.mustBeEmpty = true;
      return;
    case 'is_not_empty':
      facts.mustHaveValue = true;
      return;
    case 'contains':
    case 'starts_with':
    case 'matches':
      // Text patterns overlap in ways not worth proving apart: no facts.
      return;
    default: {
      const unknown: never = rule.operator;
      throw new Error(`Unknown rule operator ${String(unknown)}`);
    }
  }
}

function inRange(value: string, low: Bound, high: Bound): boolean {
  if (!low && !high) return true;
  if (!value.startsWith('n:')) return false;
  const number = Number(value.slice(2));
  if (low && (number < low.value || (number === low.value && !low.inclusive))) return false;
  if (high && (number > high.value || (number === high.value && !high.inclusive))) return false;
  return true;
}

/** Whether no value of the field passes every rule. */
function impossible(facts: FieldFacts): boolean {
  if (facts.mustBeEmpty && facts.mustHaveValue) return true;
  const { low, high } = facts;
  if (
    low &&
    high &&
    (low.value > high.value || (low.value === high.value && !(low.inclusive && high.inclusive)))
  ) {
    return true;
  }
  if (!facts.oneOf) return false;
  return ![...facts.oneOf].some((value) => !facts.not.has(value) && inRange(value, low, high));
}

/** A request trigger's channel and category filters are facts about `request.channel` and `request.category`. */
function requestRules(trigger: TriggerOfFlow): Rule[] {
  const filters: Rule[] = [];
  for (const [key, field] of [
    ['channels', 'request.channel'],
    ['categories', 'request.category'],
  ] as const) {
    const values = strings(trigger.config[key]);
    if (values.length > 0) filters.push({ kind: 'rule', field, operator: 'in', value: values });
  }
  return [...filters, ...requiredRules(entryOf(trigger))];
}

/** Whether no data passes all of these rules at once. */
function rulesExclude(rules: readonly Rule[]): boolean {
  const byField = new Map<string, FieldFacts>();
  for (const rule of rules) {
    if (isListField(rule.field)) continue;
    const facts = byField.get(rule.field) ?? {
      not: new Set<string>(),
      mustBeEmpty: false,
      mustHaveValue: false,
    };
    addRule(facts, rule);
    byField.set(rule.field, facts);
  }
  return [...byField.values()].some(impossible);
}

function entriesExclude(a: TriggerOfFlow, b: TriggerOfFlow): boolean {
  return rulesExclude([...requiredRules(entryOf(a)), ...requiredRules(entryOf(b))]);
}

/** Whether some request or event could start both triggers. */
export function triggersOverlap(a: TriggerOfFlow, b: TriggerOfFlow): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'trigger.request_received':
      return !rulesExclude([...requestRules(a), ...requestRules(b)]);
    case 'trigger.ticket_event':
      return !disjointFilters(a.config.events, b.config.events) && !entriesExclude(a, b);
    case 'trigger.survey_answered':
      return !disjointFilters(a.config.kinds, b.config.kinds) && !entriesExclude(a, b);
    case 'trigger.external_event':
      return a.config.eventName === b.config.eventName && !entriesExclude(a, b);
    case 'trigger.anomaly_detected':
      // Both notify about the same anomaly unless their series differ or their conditions exclude each other.
      return !disjointFilters(a.config.seriesKinds, b.config.seriesKinds) && !entriesExclude(a, b);
    default:
      // Schedules start on their own clock, never on someone's request.
      return false;
  }
}

function namedRef(trigger: TriggerOfFlow): NamedFlowRef {
  const { flowId, name, localizedName } = trigger;
  return localizedName ? { flowId, name, localizedName } : { flowId, name };
}

/**
 * What publishing `subject` means next to the live flows, given in the
 * workspace's order with the subject's place marked by `subjectIndex` (the
 * subject itself is not in `live`): who else starts on the same requests,
 * and whether an earlier exclusive flow would take all of them first.
 */
export function publishOverlaps(
  subject: TriggerOfFlow,
  live: readonly TriggerOfFlow[],
  subjectIndex: number,
): OverlapReport {
  const alsoStart: OverlappingFlow[] = [];
  const before = live.slice(0, subjectIndex);
  const after = live.slice(subjectIndex);
  for (const earlier of before) {
    if (!triggersOverlap(earlier, subject)) continue;
    if (isExclusive(earlier) && takesEveryRequest(earlier)) {
      return { hiddenBy: namedRef(earlier), alsoStart };
    }
    alsoStart.push({
      ...namedRef(earlier),
      order: 'before',
      exclusive: isExclusive(earlier),
    });
  }
  // The requests this flow takes go no further when it is exclusive.
  if (isExclusive(subject)) return { hiddenBy: null, alsoStart };
  for (const later of after) {
    if (!triggersOverlap(later, subject)) continue;
    alsoStart.push({ ...namedRef(later), order: 'after', exclusive: isExclusive(later) });
    if (isExclusive(later) && takesEveryRequest(later)) break;
  }
  return { hiddenBy: null, alsoStart };
}

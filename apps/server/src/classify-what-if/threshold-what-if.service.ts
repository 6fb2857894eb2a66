import { type CaseVerdict, type ClassifiedCase, type ThresholdWhatIf, thresholdWhatIf } from '@flowdesk/desk';
import type { FlowGraph } from '@flowdesk/model';
import type { ClassifierCorrection, ExecutionStep, Store, Ticket } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-ports.ts';
import { loadFlow } from '../flows/flow-documents.ts';
import { AppError } from '../http/app-error.ts';

/** The most past executions one what-if reads (as a shadow run). */
export const WHAT_IF_MAX_REQUESTS = 5000;
const PAGE = 500;
/** Ids per batch read (steps of executions, tickets): one query each instead of one per execution. */
const BATCH = 1000;
const DAY_MS = 86_400_000;

export type WhatIfSelection =
  | { readonly last: number }
  | { readonly from: string; readonly to: string; readonly last?: number | undefined };

export interface ThresholdWhatIfAnswer extends ThresholdWhatIf {
  readonly flowId: string;
  readonly nodeId: string;
  /** The live version whose classifications were read. */
  readonly version: number;
  /** The threshold in the draft now (what the slider starts at and marks). */
  readonly currentThreshold: number;
  /** The time span the figures cover. */
  readonly from: string;
  readonly to: string;
  /** Checked cases by kind: a person changed the category, confirmed it, or resolved the ticket with it. */
  readonly corrected: number;
  readonly confirmed: number;
  /**
   * Executions of the selection whose step log the retention prune removed
   * (FLOWDESK_EXECUTION_RETENTION_DAYS): their classification is gone, so
   * they are not among the cases.
   */
  readonly pruned: number;
}

/** One classification of the step with the tickets its execution then created. */
interface Classified {
  readonly category: string | null;
  readonly confidence: number;
  readonly ticketIds: readonly string[];
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** The step's first classification in an execution and the tickets created after it; undefined when it never ran. */
export function classifiedIn(steps: readonly ExecutionStep[], nodeId: string): Classified | undefined {
  const index = steps.findIndex(
    (step) => step.nodeId === nodeId && step.nodeType === 'logic.classify' && !step.error,
  );
  const classification = asRecord(asRecord(steps[index]?.output)?.classification);
  if (index < 0 || !classification || typeof classification.confidence !== 'number') return undefined;
  const ticketIds = steps
    .slice(index + 1)
    .filter((step) => step.nodeType === 'action.create_ticket' && !step.error)
    .map((step) => asRecord(asRecord(step.output)?.ticket)?.id)
    .filter((id): id is string => typeof id === 'string');
  return {
    category: typeof classification.category === 'string' ? classification.category : null,
    confidence: classification.confidence,
    ticketIds,
  };
}

function checkedStep(graph: FlowGraph, nodeId: string) {
  const node = graph.nodes.find((candidate) => candidate.id === nodeId);
  if (!node)
    throw new AppError('not_found', 'what_if_unknown_node', { params: { nodeId }, pointer: '/nodeId' });
  if (node.type !== 'logic.classify') {
    throw new AppError('bad_request', 'what_if_not_classify', { params: { nodeId }, pointer: '/nodeId' });
  }
  const threshold = asRecord(node.config)?.threshold;
  return typeof threshold === 'number' ? threshold : 0.7;
}

function batchesOf<T>(items: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH) batches.push(items.slice(start, start + BATCH));
  return batches;
}

/** The live version's executions the selection names, newest first, with when they started. */
async function executionsOf(store: Store, flowId: string, version: number, selection: WhatIfSelection) {
  const limit = Math.min(selection.last ?? WHAT_IF_MAX_REQUESTS, WHAT_IF_MAX_REQUESTS);
  const found: { id: string; startedAt: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.executions.list({
      flowId,
      version,
      ...('from' in selection ? { startedAfter: selection.from, startedBefore: selection.to } : {}),
      limit: Math.min(PAGE, limit - found.length),
      cursor,
    });
    found.push(...page.items.map((item) => ({ id: item.id, startedAt: item.startedAt })));
    cursor = page.nextCursor;
  } while (cursor && found.length < limit);
  return found.slice(0, limit);
}

/**
 * What people said about a classification: the latest correction of one of
 * its tickets decides (a confirmation of a parked ticket is a correction that
 * may keep the guess); with none, a ticket resolved or closed with the
 * classified category counts as kept. Otherwise nobody looked.
 */
function verdictOf(
  item: Classified,
  latestCorrection: ReadonlyMap<string, ClassifierCorrection>,
  tickets: ReadonlyMap<string, Ticket>,
): { verdict: CaseVerdict; kind: 'corrected' | 'confirmed' | null } {
  if (item.category === null) return { verdict: null, kind: null };
  for (const ticketId of item.ticketIds) {
    const correction = latestCorrection.get(ticketId);
    if (correction) {
      return correction.toLabel === item.category
        ? { verdict: 'right', kind: 'confirmed' }
        : { verdict: 'wrong', kind: 'corrected' };
    }
  }
  for (const ticketId of item.ticketIds) {
    const ticket = tickets.get(ticketId);
    if (ticket && (ticket.resolvedAt || ticket.closedAt) && ticket.category === item.category) {
      return { verdict: 'right', kind: 'confirmed' };
    }
  }
  return { verdict: null, kind: null };
}

/**
 * The what-if of one Classify step of the flow's draft, over the live
 * version's past executions (the last N, or those started in a range): reads
 * the classifications the step made, the corrections agents recorded on the
 * tickets those executions created, and counts every threshold. Reads only.
 */
export async function computeThresholdWhatIf(
  store: Store,
  input: { flowId: string; nodeId: string; selection: WhatIfSelection },
): Promise<ThresholdWhatIfAnswer> {
  const { selection } = input;
  if ('from' in selection && !(selection.from < selection.to)) {
    throw new AppError('bad_request', 'what_if_range_invalid', { pointer: '/from' });
  }
  const flow = await loadFlow(store, input.flowId);
  const currentThreshold = checkedStep(flow.draft, input.nodeId);
  const live = await store.versions.latest(flow.id);
  if (!live) throw new AppError('precondition_failed', 'what_if_no_live_version');
  const executions = await executionsOf(store, flow.id, live.version, selection);
  const classified: { startedAt: string; item: Classified }[] = [];
  let pruned = 0;
  for (const batch of batchesOf(executions)) {
    const steps = await store.executions.listStepsOf(batch.map((execution) => execution.id));
    for (const execution of batch) {
      const log = steps.get(execution.id) ?? [];
      // Every execution logs its trigger step; none left means the retention prune took the log.
      if (log.length === 0) pruned += 1;
      const item = classifiedIn(log, input.nodeId);
      if (item) classified.push({ startedAt: execution.startedAt, item });
    }
  }
  if (classified.length === 0) {
    throw pruned > 0
      ? new AppError('precondition_failed', 'what_if_history_pruned', {
          params: { version: live.version, pruned },
        })
      : new AppError('precondition_failed', 'what_if_no_history', { params: { version: live.version } });
  }
  const starts = classified.map((entry) => entry.startedAt).sort();
  const first = starts[0] as string;
  const newest = starts[starts.length - 1] as string;
  const latestCorrection = new Map<string, ClassifierCorrection>();
  const ticketIds = [...new Set(classified.flatMap((entry) => entry.item.ticketIds))];
  for (const correction of await store.classifierCorrections.listForTickets(
    DEFAULT_WORKSPACE_ID,
    ticketIds,
  )) {
    if (correction.ticketId) latestCorrection.set(correction.ticketId, correction); // oldest first: the last wins
  }
  // Tickets are read only for classifications nobody corrected (was it resolved with the category?).
  const uncorrected = [
    ...new Set(
      classified
        .filter((entry) => !entry.item.ticketIds.some((id) => latestCorrection.has(id)))
        .flatMap((entry) => entry.item.ticketIds),
    ),
  ];
  const tickets = new Map<string, Ticket>();
  for (const batch of batchesOf(uncorrected)) {
    for (const ticket of await store.tickets.getMany(batch)) tickets.set(ticket.id, ticket);
  }
  const cases: ClassifiedCase[] = [];
  let corrected = 0;
  let confirmed = 0;
  for (const { item } of classified) {
    const { verdict, kind } = verdictOf(item, latestCorrection, tickets);
    if (kind === 'corrected') corrected += 1;
    if (kind === 'confirmed') confirmed += 1;
    cases.push({ category: item.category, confidence: item.confidence, verdict });
  }
  // A range covers its whole length; the last N cover from the first to the newest, at least a day.
  const [from, to] = 'from' in selection ? [selection.from, selection.to] : [first, newest];
  const periodDays = Math.max('from' in selection ? 0 : 1, (Date.parse(to) - Date.parse(from)) / DAY_MS);
  return {
    flowId: flow.id,
    nodeId: input.nodeId,
    version: live.version,
    currentThreshold,
    from,
    to,
    corrected,
    confirmed,
    pruned,
    ...thresholdWhatIf(cases, { periodDays }),
  };
}

import {
  applyRollupDelta,
  DEFAULT_TIMEZONE,
  type HandoffReason,
  handedOff,
  handoffReasonFromSteps,
  type KpiAgg,
  type KpiFactRow,
  type KpiRollupSource,
  type KpiSurvey,
  kpiFactRow,
  type RollupDelta,
  type RollupGroup,
  type RollupRow,
  type RollupUnit,
  rollupDeltas,
  ticketFacts,
} from '@flowdesk/desk';
import type { Calendar } from '@flowdesk/model';
import type { KpiFactRecord, KpiRollupFilters, Store, TicketHistoryEntry } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import type { AnalyticsDeps } from './analytics-data.ts';
import { creatingExecution } from './analytics-data.ts';

/**
 * Keeps the KPI rollups (SQLite migration 032, docs/kpis.md "Rollups")
 * current: takes the tickets the store marked as changed, recomputes each
 * with the KPI code (@flowdesk/desk kpiFactRow, over ticketFacts) and moves
 * its contributions between the day rows, in one transaction per batch.
 *
 * Why a job and not the intake's transaction: the facts need the ticket's
 * whole history, its team's calendar and the flow's step log, which the
 * intake does not have at hand; marking costs the intake one upsert per
 * ticket write (the tickets repository since migration 046; triggers for
 * deletes, survey answers and team calendars). A background job folds changes in every 30 s
 * (kpi-rollup-schedule.ts) and the dashboard folds in what is left before it
 * answers, so a change shows at the next refresh; a ticket whose customer or category
 * changed also recomputes the customer's other tickets (FCR's second contact).
 */

const BATCH = 500;
/**
 * Beyond this many changed tickets waiting (right after the upgrade or a
 * rebuild) a dashboard read folds nothing itself: 250 ms would not dent it;
 * the background job works through them.
 */
export const ROLLUP_CATCH_UP_LIMIT = 20_000;
/**
 * What a dashboard read spends folding in waiting changes before it answers
 * (review M3: a cap by count let one read fold up to 20,000 tickets, a minute
 * at 1–3 ms each). What is left is counted in the answer (`pendingChanges`)
 * and folded by the background job or the next read.
 */
export const CATCH_UP_BUDGET_MS = 250;
/**
 * A dashboard answer from rollups may leave this many changes uncounted (it
 * says so): a busy desk's lag between two background runs. With more waiting,
 * the tickets answer when the range allows (analytics-service.ts).
 */
export const ROLLUP_LAG_LIMIT = 1_000;
const CATCH_UP_BATCH = 100;
const STEP_READS_AT_ONCE = 500;

const running = new WeakMap<Store, Promise<number>>();

async function calendars(store: Store) {
  const teams = await store.teams.list(DEFAULT_WORKSPACE_ID);
  const byTeam = new Map<string, Calendar | null>(teams.map((team) => [team.id, team.calendar ?? null]));
  return (team: string | null) => (team ? (byTeam.get(team) ?? null) : null);
}

async function batch(
  services: AnalyticsDeps,
  calendarOf: (team: string | null) => Calendar | null,
  size: number,
) {
  const rollups = services.store.kpiRollups;
  const marks = await rollups.dirty(size);
  if (marks.length === 0) return 0;
  const ids = marks.map((mark) => mark.ticketId);
  const [tickets, stored] = await Promise.all([rollups.tickets(ids), rollups.factsOf(ids)]);
  // A new ticket, or one whose customer or category changed, can be another ticket's second contact.
  const customers = new Set<string>();
  const categories = new Set<string | null>();
  const ticketById = new Map(tickets.map((ticket) => [ticket.id, ticket]));
  for (const id of ids) {
    const ticket = ticketById.get(id);
    const before = stored.get(id);
    if (before && ticket && before.category === ticket.category && before.customerId === ticket.customerId)
      continue;
    for (const customer of [ticket?.customerId, before?.customerId]) if (customer) customers.add(customer);
    categories.add(ticket?.category ?? null);
    categories.add(before?.category ?? null);
  }
  const related = customers.size > 0 ? await rollups.ticketsOfCustomers([...customers]) : [];
  const extra = related
    .filter((other) => !ticketById.has(other.id) && categories.has(other.category))
    .map((other) => other.id);
  if (extra.length > 0) {
    const [more, moreStored] = await Promise.all([rollups.tickets(extra), rollups.factsOf(extra)]);
    for (const ticket of more) ticketById.set(ticket.id, ticket);
    for (const [id, value] of moreStored) stored.set(id, value);
  }
  const all = [...ticketById.values()];
  const allIds = all.map((ticket) => ticket.id);
  const allCustomers = [
    ...new Set(all.map((ticket) => ticket.customerId).filter((id): id is string => !!id)),
  ];
  const executionIds = [...new Set(all.map(creatingExecution).filter((id): id is string => !!id))];
  const [history, surveys, customerTickets, flows] = await Promise.all([
    services.store.analytics.historyOfTickets(allIds),
    rollups.surveysOfTickets(allIds),
    allCustomers.length > 0 ? rollups.ticketsOfCustomers(allCustomers) : Promise.resolve([]),
    executionIds.length > 0
      ? rollups.flowsOfExecutions(executionIds)
      : Promise.resolve(new Map<string, string>()),
  ]);
  const historyOf = new Map<string, TicketHistoryEntry[]>();
  for (const entry of history) {
    const list = historyOf.get(entry.ticketId) ?? [];
    list.push(entry);
    historyOf.set(entry.ticketId, list);
  }
  const surveysOf = new Map<string, KpiSurvey[]>();
  for (const survey of surveys) {
    const list = surveysOf.get(survey.ticketId) ?? [];
    list.push({ ...survey, kind: survey.kind as KpiSurvey['kind'] });
    surveysOf.set(survey.ticketId, list);
  }
  const byCustomer = new Map<string, Array<{ id: string; category: string | null; createdAt: number }>>();
  for (const other of customerTickets) {
    const list = byCustomer.get(other.customerId) ?? [];
    list.push({ id: other.id, category: other.category, createdAt: Date.parse(other.createdAt) });
    byCustomer.set(other.customerId, list);
  }
  const now = services.clock.now().getTime();
  // Why a flow handed over: from the step log, read once per ticket (a stored reason is kept).
  const reasons = new Map<string, HandoffReason>();
  const wanted = all.filter((ticket) => {
    const previous = stored.get(ticket.id);
    const kept = previous ? (JSON.parse(previous.data) as KpiFactRow).reason : null;
    if (kept) {
      reasons.set(ticket.id, kept);
      return false;
    }
    return creatingExecution(ticket) && handedOff(ticketFacts(ticket, historyOf.get(ticket.id) ?? [], now));
  });
  // Node types and ports only, STEP_READS_AT_ONCE executions per read (not their payloads, one by one).
  for (let start = 0; start < wanted.length; start += STEP_READS_AT_ONCE) {
    const slice = wanted.slice(start, start + STEP_READS_AT_ONCE);
    const steps = await services.store.executions.handoffStepsOf(
      slice.map((ticket) => creatingExecution(ticket) ?? ''),
    );
    for (const ticket of slice)
      reasons.set(ticket.id, handoffReasonFromSteps(steps.get(creatingExecution(ticket) ?? '') ?? []));
  }
  const facts: KpiFactRecord[] = [];
  const next = new Map<string, KpiFactRow>();
  for (const ticket of all) {
    const execution = creatingExecution(ticket);
    const row = kpiFactRow({
      ticket,
      history: historyOf.get(ticket.id) ?? [],
      surveys: surveysOf.get(ticket.id) ?? [],
      handoffReason: reasons.get(ticket.id) ?? null,
      flowId: execution ? (flows.get(execution) ?? null) : null,
      calendarOf,
      customerTickets: ticket.customerId ? (byCustomer.get(ticket.customerId) ?? []) : [],
      now,
    });
    next.set(ticket.id, row);
    facts.push({
      ticketId: ticket.id,
      workspaceId: ticket.workspaceId,
      createdAt: row.createdAt,
      resolvedAt: row.resolvedAt,
      heldSince: row.openSince,
      team: row.team,
      channel: row.channel,
      flowId: row.flowId,
      category: row.category,
      agent: row.agent,
      customerId: row.customerId,
      open: row.open,
      data: JSON.stringify({ ...row, workspaceId: ticket.workspaceId }),
    });
  }
  const removed = ids.filter((id) => !ticketById.has(id));
  const workspaceOf = new Map(all.map((ticket) => [ticket.id, ticket.workspaceId]));
  await rollups.write({
    done: marks,
    facts,
    removed,
    changes: (previous) => {
      const perWorkspace = new Map<string, Map<string, RollupDelta>>();
      for (const [id, data] of previous) {
        const before = data ? (JSON.parse(data) as KpiFactRow & { workspaceId?: string }) : null;
        const workspaceId = workspaceOf.get(id) ?? before?.workspaceId ?? DEFAULT_WORKSPACE_ID;
        const deltas = perWorkspace.get(workspaceId) ?? new Map<string, RollupDelta>();
        perWorkspace.set(workspaceId, deltas);
        const after = next.get(id);
        rollupDeltas(
          before,
          after ? ({ ...after, workspaceId } as KpiFactRow) : null,
          DEFAULT_TIMEZONE,
          deltas,
        );
      }
      return [...perWorkspace].flatMap(([workspaceId, deltas]) =>
        [...deltas.values()].map((delta) => ({
          key: {
            workspaceId,
            day: delta.day,
            team: delta.team,
            channel: delta.channel,
            flowId: delta.flowId,
            grp: storedGroup(delta.grp, delta.unit),
            grpValue: delta.grpValue,
          },
          merge: (storedAgg: string | null) => {
            const agg = applyRollupDelta(storedAgg ? (JSON.parse(storedAgg) as KpiAgg) : null, delta);
            return agg ? JSON.stringify(agg) : null;
          },
        })),
      );
    },
  });
  return marks.length;
}

/**
 * Folds in the changed tickets, at most `limit` (default: all), `batchSize`
 * per transaction (default 500); gives how many are still waiting. One run at
 * a time per store (a second call waits for the first, then runs).
 */
export async function refreshKpiRollups(
  services: AnalyticsDeps,
  limit = Number.POSITIVE_INFINITY,
  batchSize = BATCH,
): Promise<number> {
  const rollups = services.store.kpiRollups;
  if (!rollups.enabled) return 0;
  const current = running.get(services.store);
  if (current) await current.catch(() => 0);
  const work = (async () => {
    const calendarOf = await calendars(services.store);
    let done = 0;
    while (done < limit) {
      const count = await batch(services, calendarOf, Math.min(batchSize, limit - done));
      if (count === 0) break;
      done += count;
    }
    return rollups.dirtyCount();
  })();
  running.set(services.store, work);
  try {
    return await work;
  } finally {
    if (running.get(services.store) === work) running.delete(services.store);
  }
}

/**
 * Folds in waiting changes in batches until none wait or `budgetMs` is spent
 * (a batch started is finished); gives how many still wait. Nothing is folded
 * when more than ROLLUP_CATCH_UP_LIMIT wait: the raw path answers then.
 */
export async function catchUpKpiRollups(
  services: AnalyticsDeps,
  budgetMs = CATCH_UP_BUDGET_MS,
): Promise<number> {
  const started = performance.now();
  let waiting = await services.store.kpiRollups.dirtyCount();
  if (waiting > ROLLUP_CATCH_UP_LIMIT) return waiting;
  while (waiting > 0 && performance.now() - started < budgetMs)
    waiting = await refreshKpiRollups(services, CATCH_UP_BATCH, CATCH_UP_BATCH);
  return waiting;
}

/** kpi_rollup's grp of day rows ('', 'category', 'agent') and month rows ('month', 'month:category', …; migration 039). */
export function storedGroup(grp: RollupGroup, unit: RollupUnit): string {
  if (unit === 'day') return grp;
  return grp === '' ? 'month' : `month:${grp}`;
}

/** The rollups as the dashboard's source, filters applied in the store. */
export function rollupSource(store: Store, filters: KpiRollupFilters): KpiRollupSource {
  const rollups = store.kpiRollups;
  const parse = (rows: string[]) => rows.map((data) => JSON.parse(data) as KpiFactRow);
  const unfiltered =
    filters.team === undefined && filters.channel === undefined && filters.flowId === undefined;
  return {
    rows: async (fromDay, toDay, grp: RollupGroup, unit: RollupUnit, parts) =>
      (await rollups.rows(filters, storedGroup(grp, unit), fromDay, toDay, parts)).map(
        (row): RollupRow => ({
          unit,
          day: row.day,
          team: row.team,
          channel: row.channel,
          flowId: row.flowId,
          grp,
          grpValue: row.grpValue,
          agg: JSON.parse(row.agg) as KpiAgg,
        }),
      ),
    created: async (period) => parse(await rollups.facts(filters, 'created', period.from, period.to)),
    resolved: async (period) => parse(await rollups.facts(filters, 'resolved', period.from, period.to)),
    heldNow: async (period) => parse(await rollups.facts(filters, 'held', period.from, period.to)),
    answered: async (period) => parse(await rollups.facts(filters, 'answered', period.from, period.to)),
    createdByDay: (fromDay, toDay) => rollups.createdByDay(filters, fromDay, toDay),
    backlogChanges: (toDay) => rollups.backlogChanges(filters, toDay),
    resolvedKeys: (period) => rollups.resolvedKeys(filters, period.from, period.to),
    backlog: (at) => rollups.backlog(filters, at),
    backlogCreated: (at) => rollups.backlogCreated(filters, at),
    backlogIntervals: (from, to) => rollups.backlogIntervals(filters, from, to),
    unticketedSurveys: async (period) =>
      unfiltered
        ? (await rollups.unticketedSurveys(filters.workspaceId, period.from, period.to)).filter(
            (survey): survey is { kind: 'csat' | 'nps'; score: number; at: number } =>
              survey.kind === 'csat' || survey.kind === 'nps',
          )
        : [],
  };
}

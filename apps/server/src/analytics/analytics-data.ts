import {
  DEFAULT_TIMEZONE,
  FCR_WINDOW_MS,
  type HandoffReason,
  handedOff,
  handoffReasonFromSteps,
  type KpiContext,
  type PreparedDataset,
  prepareDataset,
  type TicketFilter,
} from '@flowdesk/desk';
import type { Calendar } from '@flowdesk/model';
import { ANALYTICS_DEFAULT_LIMIT, type Ticket } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import type { AnalyticsFilters } from './analytics-inputs.ts';

/**
 * Loads what the KPI functions need for a range (and the one before it) from
 * the store and checks the filters: the tickets of the range widened by FCR's
 * 7 days, their history, the surveys answered in it, each team's calendar,
 * and why flows handed tickets over. This reads raw records; issue 14's
 * million-ticket target needs rollups (docs/kpis.md, "Rollups").
 */

export const ANALYTICS_RANGE_MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const SURVEY_PAGE = 500;
const EXECUTION_PAGE = 500;
/** A flow ticket may be made by an execution that waited this long after it started. */
const EXECUTION_LOOKBACK_MS = 31 * DAY_MS;
const STEP_READS_AT_ONCE = 16;

/** What loading needs: the store and the clock (the CLI has no more). */
export type AnalyticsDeps = Pick<AppServices, 'store' | 'clock'>;

export interface Range {
  from: number;
  to: number;
}

export interface LoadedAnalytics {
  prepared: PreparedDataset;
  filter: TicketFilter | null;
  timezone: string;
}

/** Refuses a reversed or too long range before anything is read. */
export function checkRange(from: string, to: string): Range {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(start < end)) throw new AppError('bad_request', 'analytics_range_reversed', { pointer: '/to' });
  if (end - start > ANALYTICS_RANGE_MAX_DAYS * DAY_MS) {
    throw new AppError('bad_request', 'analytics_range_too_long', {
      pointer: '/from',
      params: { days: ANALYTICS_RANGE_MAX_DAYS },
    });
  }
  return { from: start, to: end };
}

/** The period of the same length just before. */
export function previousRange(range: Range): Range {
  return { from: range.from - (range.to - range.from), to: range.from };
}

export async function checkFilters(services: AnalyticsDeps, filters: AnalyticsFilters): Promise<void> {
  if (filters.team !== undefined) {
    const team = await services.store.teams.get(filters.team);
    if (!team || team.workspaceId !== DEFAULT_WORKSPACE_ID) {
      throw new AppError('bad_request', 'analytics_unknown_team', {
        pointer: '/team',
        params: { id: filters.team },
      });
    }
  }
  if (filters.flowId !== undefined) {
    const flow = await services.store.flows.get(filters.flowId);
    if (!flow) {
      throw new AppError('bad_request', 'analytics_unknown_flow', {
        pointer: '/flowId',
        params: { id: filters.flowId },
      });
    }
  }
}

/** The executions of a flow that may have made tickets in the range. */
async function executionsOfFlow(
  services: AnalyticsDeps,
  flowId: string,
  loaded: Range,
): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await services.store.executions.list({
      flowId,
      startedAfter: new Date(loaded.from - EXECUTION_LOOKBACK_MS).toISOString(),
      startedBefore: new Date(loaded.to).toISOString(),
      limit: EXECUTION_PAGE,
      cursor,
    });
    for (const item of page.items) ids.add(item.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** A flow step's idempotency key is `executionId:nodeId:visit`; the ticket keeps the one that made it. */
export function creatingExecution(ticket: Pick<Ticket, 'createdByKey'>): string | null {
  return ticket.createdByKey?.split(':')[0] || null;
}

async function ticketFilter(services: AnalyticsDeps, filters: AnalyticsFilters, loaded: Range) {
  const flowExecutions = filters.flowId ? await executionsOfFlow(services, filters.flowId, loaded) : null;
  if (!filters.team && !filters.channel && !flowExecutions) return null;
  const filter: TicketFilter = (ticket) =>
    (filters.team === undefined || ticket.team === filters.team) &&
    (filters.channel === undefined || ticket.channel === filters.channel) &&
    (flowExecutions === null || flowExecutions.has(creatingExecution(ticket) ?? ''));
  return filter;
}

async function answeredSurveys(services: AnalyticsDeps, range: Range) {
  const surveys = [];
  let cursor: string | null = null;
  do {
    const page = await services.store.surveys.listAnswered({
      workspaceId: DEFAULT_WORKSPACE_ID,
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      limit: SURVEY_PAGE,
      cursor,
    });
    surveys.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return surveys;
}

async function teamCalendars(services: AnalyticsDeps) {
  const teams = await services.store.teams.list(DEFAULT_WORKSPACE_ID);
  const calendars = new Map<string, Calendar | null>(teams.map((team) => [team.id, team.calendar ?? null]));
  return (team: string | null) => (team ? (calendars.get(team) ?? null) : null);
}

/** Reads the step log of each handed-over flow ticket made in the range, a few at a time. */
async function handoffReasons(services: AnalyticsDeps, prepared: PreparedDataset, ranges: readonly Range[]) {
  const reasons = new Map<string, HandoffReason>();
  const wanted = prepared.facts.filter(
    (facts) =>
      handedOff(facts) &&
      ranges.some((range) => facts.createdAt >= range.from && facts.createdAt < range.to) &&
      creatingExecution(facts.ticket),
  );
  for (let start = 0; start < wanted.length; start += STEP_READS_AT_ONCE) {
    await Promise.all(
      wanted.slice(start, start + STEP_READS_AT_ONCE).map(async (facts) => {
        const steps = await services.store.executions.listSteps(creatingExecution(facts.ticket) ?? '');
        reasons.set(facts.ticket.id, handoffReasonFromSteps(steps));
      }),
    );
  }
  return reasons;
}

/**
 * Loads and prepares the data for `range` (and `previous` when given) with the
 * filters checked. `now` is the server clock: FCR, open intervals and the
 * backlog of the current period end there.
 */
export async function loadAnalytics(
  services: AnalyticsDeps,
  filters: AnalyticsFilters,
  range: Range,
  previous: Range | null = null,
): Promise<LoadedAnalytics> {
  await checkFilters(services, filters);
  const now = services.clock.now().getTime();
  const loaded = {
    from: previous?.from ?? range.from,
    to: Math.min(range.to + FCR_WINDOW_MS, Math.max(now, range.to)),
  };
  const tickets = await services.store.analytics.ticketsForPeriod({
    workspaceId: DEFAULT_WORKSPACE_ID,
    from: new Date(loaded.from).toISOString(),
    to: new Date(loaded.to).toISOString(),
  });
  if (tickets.length > ANALYTICS_DEFAULT_LIMIT) {
    throw new AppError('bad_request', 'analytics_range_too_big', {
      pointer: '/from',
      params: { limit: ANALYTICS_DEFAULT_LIMIT },
    });
  }
  const [history, surveys, calendarOf, filter] = await Promise.all([
    services.store.analytics.historyOfTickets(tickets.map((ticket) => ticket.id)),
    answeredSurveys(services, { from: loaded.from, to: range.to }),
    teamCalendars(services),
    ticketFilter(services, filters, loaded),
  ]);
  const context: KpiContext = { period: range, now, calendarOf };
  const prepared = prepareDataset({ tickets, history, surveys }, context);
  const reasons = await handoffReasons(services, prepared, previous ? [range, previous] : [range]);
  return {
    prepared: { ...prepared, dataset: { ...prepared.dataset, handoffReasons: reasons } },
    filter,
    // The desk numbers tickets and counts days in this zone; series and hours of day follow it.
    timezone: DEFAULT_TIMEZONE,
  };
}

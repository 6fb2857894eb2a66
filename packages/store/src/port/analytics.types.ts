import type { Ticket, TicketHistoryEntry } from './ticket.types.ts';

/**
 * What the KPI dashboard reads for one date range (issue 14). Answered
 * surveys come from SurveyRepository.listAnswered. These reads scan the range;
 * at millions of tickets the dashboard is meant to read rollups instead
 * (docs/kpis.md, "Rollups").
 */

export interface AnalyticsPeriodQuery {
  workspaceId: string;
  /** Inclusive. */
  from: string;
  /** Exclusive. */
  to: string;
  /** Default 50,000, at most 200,000: a range holding more is refused by the caller, not cut silently. */
  limit?: number;
}

export interface AnalyticsRepository {
  /**
   * The tickets a period's KPIs look at: created before `to`, and either
   * changed since `from` (created, worked, resolved or reopened in or after the
   * range) or still open (the backlog). Oldest first (creation time, then id).
   * Gives at most `limit` + 1 rows so the caller can tell the range was too big.
   */
  ticketsForPeriod(query: AnalyticsPeriodQuery): Promise<Ticket[]>;
  /** The history of these tickets (any number of ids), oldest first per ticket, in the order appended. */
  historyOfTickets(ticketIds: readonly string[]): Promise<TicketHistoryEntry[]>;
}

export const ANALYTICS_DEFAULT_LIMIT = 50_000;
export const ANALYTICS_MAX_LIMIT = 200_000;

export function analyticsLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.floor(limit ?? ANALYTICS_DEFAULT_LIMIT)), ANALYTICS_MAX_LIMIT);
}

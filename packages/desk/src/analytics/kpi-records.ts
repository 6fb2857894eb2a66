import type { Calendar } from '@flowdesk/model';
import type { Survey, Ticket, TicketHistoryEntry } from '@flowdesk/store';

/**
 * The plain records the KPIs are computed from. The server loads them from
 * the store (one date range, see AnalyticsRepository) and passes them in; the
 * KPI functions never read a store, a clock or the environment.
 */

/** Why a flow handed a request to a person (docs/kpis.md, "Hand-off"). */
export const HANDOFF_REASONS = ['low_confidence', 'customer_asked', 'rule', 'unknown'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export type KpiTicket = Pick<
  Ticket,
  | 'id'
  | 'number'
  | 'channel'
  | 'category'
  | 'team'
  | 'assignee'
  | 'customerId'
  | 'status'
  | 'createdAt'
  | 'firstRespondedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'slaPolicyId'
  | 'slaState'
  | 'createdByKey'
>;

export type KpiHistoryEntry = Pick<TicketHistoryEntry, 'ticketId' | 'at' | 'actor' | 'field' | 'from' | 'to'>;

export type KpiSurvey = Pick<Survey, 'ticketId' | 'kind' | 'score' | 'answeredAt'>;

export interface KpiDataset {
  /**
   * Every ticket that matters for the period: created in it, resolved in it,
   * open at its end, and those created up to 7 days after it (second contacts
   * for FCR). Other tickets may be present; each KPI picks its own.
   */
  tickets: readonly KpiTicket[];
  /** The history of those tickets, in any order. */
  history: readonly KpiHistoryEntry[];
  /** Surveys answered (unanswered ones are ignored). */
  surveys: readonly KpiSurvey[];
  /** Ticket id → why its flow handed it over; tickets absent count as `unknown`. */
  handoffReasons?: ReadonlyMap<string, HandoffReason>;
}

/** Half-open [from, to) in epoch milliseconds. */
export interface KpiPeriod {
  from: number;
  to: number;
}

export interface KpiContext {
  period: KpiPeriod;
  /** The evaluation time: open intervals end here, and nothing after it is known. */
  now: number;
  /** The business-hours calendar of a team (null: calendar hours). */
  calendarOf: (team: string | null) => Calendar | null;
}

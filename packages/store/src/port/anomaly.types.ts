import type { JsonObject } from './json.types.ts';

/**
 * Anomalies the hourly detector found (issue 14, item 5), and the two reads it
 * makes of an hour's tickets. One anomaly per workspace, series and hour: the
 * detector may run again for the same hour (a retried job, a second replica)
 * and the second finding changes nothing.
 */
export const ANOMALY_STATUSES = ['open', 'acked'] as const;
export type AnomalyStatus = (typeof ANOMALY_STATUSES)[number];

export interface Anomaly {
  id: string;
  workspaceId: string;
  /** category, channel, product, negative_share or sla_breach_share (the desk's AnomalySeriesKind). */
  seriesKind: string;
  /** The category id, channel, product name, or `all` for a share. */
  seriesKey: string;
  /** The start of the hour judged (ISO). */
  hour: string;
  value: number;
  baseline: number;
  score: number;
  /** Tickets behind the value. */
  volume: number;
  status: AnomalyStatus;
  detectedAt: string;
  ackedBy: string | null;
  ackedAt: string | null;
}

export type NewAnomaly = Omit<Anomaly, 'status' | 'ackedBy' | 'ackedAt'>;

export interface AnomalyQuery {
  workspaceId: string;
  status?: AnomalyStatus;
  /** Hours at or after this (ISO). */
  from?: string;
  /** Hours before this (ISO). */
  to?: string;
  /** Default 100, at most 500. */
  limit?: number;
}

/** A time window [from, to) of one workspace's tickets. */
export interface TicketWindow {
  workspaceId: string;
  from: string;
  to: string;
  /** Default 20,000: an hour holding more is read in part (the detector says so in its log). */
  limit?: number;
}

export interface CreatedTicketRow {
  channel: string;
  category: string | null;
  tags: string[];
  customFields: JsonObject;
}

export interface DueTicketRow {
  slaState: string;
}

export interface AnomalyRepository {
  /** Stores the anomaly unless one exists for its workspace, series and hour; then returns that one, unchanged. */
  record(anomaly: NewAnomaly): Promise<{ created: boolean; anomaly: Anomaly }>;
  get(id: string): Promise<Anomaly | null>;
  /** Newest hour first, then highest score. */
  list(query: AnomalyQuery): Promise<Anomaly[]>;
  /** Marks an open anomaly acknowledged; returns it (unchanged when already acked), or null when unknown. */
  acknowledge(id: string, by: string, at: string): Promise<Anomaly | null>;
  /** Tickets created in the window (by the creation-time index). */
  ticketsCreatedIn(window: TicketWindow): Promise<CreatedTicketRow[]>;
  /** Tickets whose resolution fell due in the window (by the due-time index of migration 030). */
  ticketsDueIn(window: TicketWindow): Promise<DueTicketRow[]>;
}

export const ANOMALY_LIST_DEFAULT_LIMIT = 100;
export const ANOMALY_LIST_MAX_LIMIT = 500;
export const TICKET_WINDOW_DEFAULT_LIMIT = 20_000;

export function anomalyListLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.floor(limit ?? ANOMALY_LIST_DEFAULT_LIMIT)), ANOMALY_LIST_MAX_LIMIT);
}

/**
 * People's corrections of the request classifier: the category a person set
 * or confirmed for a ticket's text, which the desk retrains its model from.
 * Corrections are only ever added, so their count tells a cached model apart
 * from a stale one.
 */
export interface ClassifierCorrection {
  id: string;
  workspaceId: string;
  /** The text the classifier saw (the ticket's description). */
  text: string;
  /** What the model or flow said; null when nothing decided (a parked ticket). */
  fromLabel: string | null;
  toLabel: string;
  ticketId: string | null;
  /** The user who made it. */
  by: string;
  at: string;
}

export interface ClassifierCorrectionRepository {
  /** Throws StoreError('duplicate') when the id exists. */
  add(correction: ClassifierCorrection): Promise<ClassifierCorrection>;
  /** Oldest first; with `since`, only those at or after that time. */
  list(workspaceId: string, since?: string): Promise<ClassifierCorrection[]>;
  /** The corrections recorded on these tickets in one read, oldest first. */
  listForTickets(workspaceId: string, ticketIds: readonly string[]): Promise<ClassifierCorrection[]>;
  /** A cheap indexed count: it changes exactly when a correction is added. */
  count(workspaceId: string): Promise<number>;
}

/**
 * Revoking a ticket's progress links: the page refuses every link of the
 * ticket issued before `revokedBefore` (the links carry their issue time), so
 * a link forwarded to the wrong person can be cut off and a new one sent.
 * Nothing per link is stored.
 */

export interface ProgressLinkRevocation {
  ticketId: string;
  /** ISO-8601 UTC: links issued before this instant are refused. */
  revokedBefore: string;
}

export interface ProgressLinkRevocationRepository {
  /**
   * Refuses the ticket's links issued before `revokedBefore`. The time only
   * moves forward: an earlier time than the stored one changes nothing.
   * Returns the revocation as stored afterwards.
   */
  revoke(revocation: ProgressLinkRevocation): Promise<ProgressLinkRevocation>;
  /** Null when the ticket's links were never revoked. */
  get(ticketId: string): Promise<ProgressLinkRevocation | null>;
}

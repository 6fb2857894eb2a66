/**
 * The addresses customers open from our messages and answers, all under the
 * public URL (FLOWDESK_PUBLIC_URL), never the request's Host header, which the
 * caller chooses (a spoofed or internal host would end up in the link). Built
 * once by the wiring (boot/) and handed to the runtime and the app.
 */
export interface Links {
  /** The public URL without a trailing slash, e.g. `https://desk.example.com`. */
  readonly base: string;
  /** The survey page of a single-use survey token: `<base>/s/<token>`. */
  survey(token: string): string;
  /**
   * The ticket's progress page as of `issuedAt` (it expires linkValidDays
   * later), signed with the secret loaded last: flow data is made
   * synchronously, so this never waits for the store.
   */
  ticket(ticketNumber: string, issuedAt: Date): string;
  /** The same link signed with the secret as stored now, for a link handed to a person in an answer. */
  storedTicket(ticketNumber: string, issuedAt: Date): Promise<string>;
}

/** How often an open ticket's page looks for new messages, changes and survey answers. */
export const TICKET_POLL_MS = 5000;

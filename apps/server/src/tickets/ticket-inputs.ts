import { AgentReplySchema } from '@flowdesk/desk';
import { PRIORITIES, TICKET_STATUSES } from '@flowdesk/model';
import type { UserRole } from '@flowdesk/store';
import { z } from 'zod';

/** Who may do what with tickets, named once for the tRPC router and the REST routes. */
export const TICKET_ROLES = {
  /** The web app's ticket list and detail; personal data is masked for roles that do not need it. */
  readers: ['admin', 'editor', 'supervisor', 'agent', 'viewer'],
  /** Claim, reply, change (status, priority, category), note, resolve, reopen. */
  agents: ['admin', 'supervisor', 'agent'],
} as const satisfies Record<string, readonly UserRole[]>;

/** Bodies of the agent actions, shared by tRPC and REST so both validate alike. */
export const TicketStatusSchema = z.enum(TICKET_STATUSES.values);
export const PrioritySchema = z.enum(PRIORITIES.values);

/** The desk owns what a reply may be. */
export const ReplyBody = AgentReplySchema;

export const StatusBody = z.strictObject({
  status: TicketStatusSchema,
  note: z.string().max(2000).optional(),
  /** Needed when the status is resolved (at most 100 characters; the desk checks). */
  solution: z.string().max(1000).optional(),
});

export const PriorityBody = z.strictObject({ priority: PrioritySchema });

/** A category id of the workspace's tree; a person's choice also teaches the classifier. */
export const CategoryBody = z.strictObject({ category: z.string().trim().min(1).max(200) });

export const NoteBody = z.strictObject({ body: z.string().trim().min(1).max(5000) });

/** At most 100 characters: the desk counts characters, not UTF-16 units, and answers 400 pointing at it. */
export const ResolveBody = z.strictObject({ solution: z.string().max(1000) });

export const ReopenBody = z.strictObject({ note: z.string().max(2000).optional() });

export const ClaimBody = z.strictObject({
  /** The agent taking the ticket (an API key acts for a team, not a person). */
  agentId: z.string().min(1).max(200),
});

export const TicketIdInput = z.strictObject({ id: z.string().min(1).max(200) });

import type { UserRole } from '@flowdesk/store';

/**
 * Who may do what, named once so routers and REST routes read as policy:
 * viewers read flows, editors change and publish them, agents work tickets and
 * read executions, supervisors do what agents do and also oversee teams (queues,
 * bulk reassignment, approvals, quality review), admins do everything
 * including users and API keys.
 */
export const ROLES = {
  anyone: ['admin', 'editor', 'supervisor', 'agent', 'viewer'],
  flowReaders: ['admin', 'editor', 'viewer'],
  flowEditors: ['admin', 'editor'],
  executionReaders: ['admin', 'editor', 'supervisor', 'agent', 'viewer'],
  executionOperators: ['admin', 'editor', 'supervisor', 'agent'],
  /** Work tickets: claim, reply, note, change, resolve, decide confirmations. */
  ticketWorkers: ['admin', 'supervisor', 'agent'],
  /** Oversee teams: backlog per agent, bulk reassignment, quality review, people's status. */
  supervisors: ['admin', 'supervisor'],
  /** Survey results per flow, team and agent: supervisors judge people's work, editors their flows. */
  surveyReaders: ['admin', 'supervisor', 'editor'],
  /**
   * The KPI dashboard (analytics.*): managers judge the service, editors whether their flows
   * work (automated resolution, hand-offs); agents see their own queues instead. Targets: admins.
   */
  analyticsReaders: ['admin', 'supervisor', 'editor'],
  admins: ['admin'],
  /** API keys allowed to feed requests and events into flows. */
  intakeClients: ['admin', 'editor', 'supervisor', 'agent'],
} as const satisfies Record<string, readonly UserRole[]>;

export function roleAllowed(role: UserRole, allowed: readonly UserRole[]): boolean {
  return allowed.includes(role);
}

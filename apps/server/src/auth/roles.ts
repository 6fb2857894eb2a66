import type { UserRole } from '@flowdesk/store';

/**
 * Who may do what, named once so routers and REST routes read as policy:
 * viewers read flows, editors change and publish them, agents read executions,
 * admins do everything including users and API keys.
 */
export const ROLES = {
  anyone: ['admin', 'editor', 'agent', 'viewer'],
  flowReaders: ['admin', 'editor', 'viewer'],
  flowEditors: ['admin', 'editor'],
  executionReaders: ['admin', 'editor', 'agent', 'viewer'],
  executionOperators: ['admin', 'editor', 'agent'],
  admins: ['admin'],
  /** API keys allowed to feed requests and events into flows. */
  intakeClients: ['admin', 'editor', 'agent'],
} as const satisfies Record<string, readonly UserRole[]>;

export function roleAllowed(role: UserRole, allowed: readonly UserRole[]): boolean {
  return allowed.includes(role);
}

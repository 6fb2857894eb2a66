import { type Store, USER_ROLES, type UserRole } from '@flowdesk/store';
import { z } from 'zod';

/**
 * The workspace's people settings, one stored value each:
 * - which roles may reveal one ticket's customer contact (every answer is
 *   masked for every role; a reveal is audited). Issue 13 names admin and
 *   agent as the default; supervisors work tickets like agents, so they are
 *   in it too;
 * - how long an invitation link stays valid.
 */
export const REVEAL_ROLES_KEY = 'privacy.revealRoles';
export const INVITATION_HOURS_KEY = 'people.invitationHours';

export const DEFAULT_REVEAL_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'agent'];
export const DEFAULT_INVITATION_HOURS = 72;

export const RevealRolesSchema = z.array(z.enum(USER_ROLES)).max(USER_ROLES.length);
export const InvitationHoursSchema = z
  .number()
  .int()
  .min(1)
  .max(24 * 30);

export const PeopleSettingsSchema = z.strictObject({
  revealRoles: RevealRolesSchema,
  invitationHours: InvitationHoursSchema,
});
export type PeopleSettings = z.infer<typeof PeopleSettingsSchema>;

type SettingsRepos = Pick<Store, 'workspaceSettings'>;

/** A stored value that does not parse (written by a newer version, or by hand) falls back to the default. */
export async function readPeopleSettings(repos: SettingsRepos): Promise<PeopleSettings> {
  const roles = RevealRolesSchema.safeParse(await repos.workspaceSettings.get(REVEAL_ROLES_KEY));
  const hours = InvitationHoursSchema.safeParse(await repos.workspaceSettings.get(INVITATION_HOURS_KEY));
  return {
    revealRoles: roles.success ? orderedRoles(roles.data) : [...DEFAULT_REVEAL_ROLES],
    invitationHours: hours.success ? hours.data : DEFAULT_INVITATION_HOURS,
  };
}

export async function writePeopleSettings(
  repos: SettingsRepos,
  settings: PeopleSettings,
  now: Date,
): Promise<PeopleSettings> {
  const revealRoles = orderedRoles(settings.revealRoles);
  await repos.workspaceSettings.set(REVEAL_ROLES_KEY, revealRoles, now.toISOString());
  await repos.workspaceSettings.set(INVITATION_HOURS_KEY, settings.invitationHours, now.toISOString());
  return { revealRoles, invitationHours: settings.invitationHours };
}

/** Without duplicates, in the order of USER_ROLES, so the stored list reads the same however it was ticked. */
function orderedRoles(roles: readonly UserRole[]): UserRole[] {
  return USER_ROLES.filter((role) => roles.includes(role));
}

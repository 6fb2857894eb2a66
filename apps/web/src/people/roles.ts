/** The roles a person can have, in the server's order (USER_ROLES); the web app may not import the store. */
export const PEOPLE_ROLES = ['admin', 'editor', 'supervisor', 'agent', 'viewer'] as const;
export type PeopleRole = (typeof PEOPLE_ROLES)[number];

export function isPeopleRole(value: string): value is PeopleRole {
  return (PEOPLE_ROLES as readonly string[]).includes(value);
}

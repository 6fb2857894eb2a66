import type { User } from '@flowdesk/store';

/** What the web app may know about the signed-in user: never the password hash. */
export function publicUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    /** An admin set this password: the web app asks for a new one before anything else. */
    mustChangePassword: user.mustChangePassword,
  };
}

/** A row of the admin's users list: the account's state as well, still never the hash. */
export function userRow(user: User) {
  return {
    ...publicUser(user),
    active: user.deactivatedAt === null,
    deactivatedAt: user.deactivatedAt,
    createdAt: user.createdAt,
  };
}
export type UserRow = ReturnType<typeof userRow>;

import type { StoreRepositories, User, UserRole } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';
import { generatePassword, hashPassword } from '../auth/secrets.ts';
import { AppError } from '../http/app-error.ts';

/**
 * What an admin does to accounts. Each change runs in one transaction that
 * first checks the workspace keeps an active admin, so two admins demoting
 * each other at once cannot leave it with none.
 */

export function isActive(user: User): boolean {
  return user.deactivatedAt === null;
}

async function existingUser(repos: StoreRepositories, id: string): Promise<User> {
  const user = await repos.users.get(id);
  if (!user) throw new AppError('not_found', 'user_not_found', { params: { id } });
  return user;
}

/** Refuses a change that would leave no active admin once `user` no longer counts as one. */
async function keepAnActiveAdmin(repos: StoreRepositories, user: User): Promise<void> {
  if (user.role !== 'admin' || !isActive(user)) return;
  const others = (await repos.users.list()).filter(
    (other) => other.id !== user.id && other.role === 'admin' && isActive(other),
  );
  if (others.length === 0) throw new AppError('conflict', 'last_admin');
}

export interface CreatedUser {
  user: User;
  /** Shown once to the admin; the store keeps only its hash. */
  temporaryPassword: string;
}

export async function createUserWithTemporaryPassword(
  services: AppServices,
  input: { email: string; name: string; role: UserRole; locale: User['locale'] },
): Promise<CreatedUser> {
  const { store, clock, ids } = services;
  if (await store.users.getByEmail(input.email)) {
    throw new AppError('conflict', 'user_email_taken', { params: { email: input.email }, pointer: '/email' });
  }
  const temporaryPassword = generatePassword();
  const user = await store.users.create({
    id: ids.next(),
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(temporaryPassword),
    locale: input.locale,
    createdAt: clock.now().toISOString(),
    mustChangePassword: true,
  });
  return { user, temporaryPassword };
}

export function changeRole(services: AppServices, userId: string, role: UserRole): Promise<User> {
  return services.store.transaction(async (tx) => {
    const user = await existingUser(tx, userId);
    if (user.role === role) return user;
    if (role !== 'admin') await keepAnActiveAdmin(tx, user);
    return (await tx.users.update(userId, { role })) as User;
  });
}

/** Switches the account off and ends every session it has at once. */
export function deactivate(services: AppServices, userId: string): Promise<User> {
  const now = services.clock.now().toISOString();
  return services.store.transaction(async (tx) => {
    const user = await existingUser(tx, userId);
    if (!isActive(user)) return user;
    await keepAnActiveAdmin(tx, user);
    const updated = (await tx.users.update(userId, { deactivatedAt: now })) as User;
    await tx.sessions.deleteForUser(userId);
    return updated;
  });
}

export function reactivate(services: AppServices, userId: string): Promise<User> {
  return services.store.transaction(async (tx) => {
    const user = await existingUser(tx, userId);
    if (isActive(user)) return user;
    return (await tx.users.update(userId, { deactivatedAt: null })) as User;
  });
}

/** A new temporary password, shown once; the old password and every session stop working. */
export async function resetPassword(services: AppServices, userId: string): Promise<CreatedUser> {
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const user = await services.store.transaction(async (tx) => {
    await existingUser(tx, userId);
    const updated = (await tx.users.update(userId, { passwordHash, mustChangePassword: true })) as User;
    await tx.sessions.deleteForUser(userId);
    return updated;
  });
  return { user, temporaryPassword };
}

export async function signOutEverywhere(services: AppServices, userId: string): Promise<number> {
  return services.store.transaction(async (tx) => {
    await existingUser(tx, userId);
    return tx.sessions.deleteForUser(userId);
  });
}

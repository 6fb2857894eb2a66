import type { Locale } from './model.types.ts';

export const USER_ROLES = ['admin', 'editor', 'supervisor', 'agent', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface User {
  id: string;
  /** As typed by the person; uniqueness ignores case. */
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string;
  locale: Locale;
  createdAt: string;
  /** Set while the account is switched off: no sign-in, no session. Null when active. */
  deactivatedAt: string | null;
  /** The password was set by an admin (a temporary one): the person must choose their own first. */
  mustChangePassword: boolean;
}

/** A new user starts active and with a password of their own unless told otherwise. */
export type NewUser = Omit<User, 'deactivatedAt' | 'mustChangePassword'> &
  Partial<Pick<User, 'deactivatedAt' | 'mustChangePassword'>>;

export type UserPatch = Partial<
  Pick<User, 'email' | 'name' | 'role' | 'passwordHash' | 'locale' | 'deactivatedAt' | 'mustChangePassword'>
>;

export interface UserRepository {
  /** Throws StoreError('duplicate') when the id or the email (any case) exists. */
  create(user: NewUser): Promise<User>;
  get(id: string): Promise<User | null>;
  getByEmail(email: string): Promise<User | null>;
  /** Ordered by email. */
  list(): Promise<User[]>;
  /** Returns null for an unknown user; throws StoreError('duplicate') when the new email is taken. */
  update(id: string, patch: UserPatch): Promise<User | null>;
  /** Also removes the user's sessions. */
  delete(id: string): Promise<boolean>;
}

/** Keyed by a hash of the token: a leaked table does not leak sessions. */
export interface Session {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface SessionRepository {
  create(session: Session): Promise<Session>;
  /** Null when unknown or expired at now. */
  get(tokenHash: string, now: string): Promise<Session | null>;
  delete(tokenHash: string): Promise<boolean>;
  deleteForUser(userId: string): Promise<number>;
  deleteExpired(now: string): Promise<number>;
}

export interface ApiKey {
  id: string;
  name: string;
  keyHash: string;
  /** The first characters of the key, shown so people can tell keys apart. */
  prefix: string;
  role: UserRole;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

export interface ApiKeyRepository {
  /** Throws StoreError('duplicate') when the id or hash exists. */
  create(key: Omit<ApiKey, 'revokedAt'>): Promise<ApiKey>;
  get(id: string): Promise<ApiKey | null>;
  /** Revoked keys are returned too, so the caller can say why access is refused. */
  getByHash(keyHash: string): Promise<ApiKey | null>;
  /** Newest first. */
  list(): Promise<ApiKey[]>;
  revoke(id: string, now: string): Promise<boolean>;
}

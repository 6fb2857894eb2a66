import type { UserRole } from './access.types.ts';

/**
 * An invitation to join the workspace: the link holds a random token, the
 * store only its hash (like sessions), so a copy of the database opens no
 * account. It can be accepted once, before it expires, unless revoked.
 */
export interface Invitation {
  id: string;
  tokenHash: string;
  email: string;
  role: UserRole;
  /** The admin who sent it (user id). */
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  /**
   * The account made when it was accepted; or, set from the start, the
   * existing account whose password the link sets (a password-reset link).
   */
  userId: string | null;
}

export type NewInvitation = Omit<Invitation, 'acceptedAt' | 'revokedAt' | 'userId'> & {
  /** Set for a password-reset link: the account it is for. */
  userId?: string | null;
};

export interface InvitationRepository {
  /** Throws StoreError('duplicate') when the id or token hash exists. */
  create(invitation: NewInvitation): Promise<Invitation>;
  get(id: string): Promise<Invitation | null>;
  /** Accepted, revoked and expired ones too, so the caller can say why a link is refused. */
  getByTokenHash(tokenHash: string): Promise<Invitation | null>;
  /**
   * Marks it accepted by userId when it is still open at `now` (not accepted,
   * not revoked, not expired). Of two callers at once, exactly one gets true.
   */
  accept(tokenHash: string, userId: string, now: string): Promise<boolean>;
  /** Open at now (not accepted, revoked or expired), newest first; reset links included. */
  listOpen(now: string): Promise<Invitation[]>;
  /** False when unknown, accepted or revoked already. */
  revoke(id: string, now: string): Promise<boolean>;
}

/**
 * Workspace-wide settings that are not a channel's: one JSON value per key.
 * The caller parses the value with its zod schema; the store keeps it as given.
 */
export interface WorkspaceSettingRepository {
  get(key: string): Promise<unknown | null>;
  set(key: string, value: unknown, now: string): Promise<void>;
}

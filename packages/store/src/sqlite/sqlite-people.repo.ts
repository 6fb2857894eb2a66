import type { UserRole } from '../port/access.types.ts';
import type { Invitation, InvitationRepository, WorkspaceSettingRepository } from '../port/people.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface InvitationRow {
  id: string;
  token_hash: string;
  email: string;
  role: UserRole;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  user_id: string | null;
}

const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  tokenHash: row.token_hash,
  email: row.email,
  role: row.role,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  acceptedAt: row.accepted_at,
  revokedAt: row.revoked_at,
  userId: row.user_id,
});

export function createSqliteInvitationRepository(ctx: SqliteContext): InvitationRepository {
  const { statement, run } = ctx;
  const byId = (id: string) =>
    statement('SELECT * FROM invitations WHERE id = ?').get(id) as InvitationRow | undefined;
  return {
    create(invitation) {
      return run(() => {
        try {
          statement(
            `INSERT INTO invitations (id, token_hash, email, role, invited_by, created_at, expires_at, user_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            invitation.id,
            invitation.tokenHash,
            invitation.email,
            invitation.role,
            invitation.invitedBy,
            normalizeIso(invitation.createdAt),
            normalizeIso(invitation.expiresAt),
            invitation.userId ?? null,
          );
        } catch (error) {
          translateConstraint(error, `Invitation ${invitation.id}`);
        }
        return toInvitation(byId(invitation.id) as InvitationRow);
      });
    },
    get(id) {
      return run(() => {
        const row = byId(id);
        return row ? toInvitation(row) : null;
      });
    },
    getByTokenHash(tokenHash) {
      return run(() => {
        const row = statement('SELECT * FROM invitations WHERE token_hash = ?').get(tokenHash) as
          | InvitationRow
          | undefined;
        return row ? toInvitation(row) : null;
      });
    },
    accept(tokenHash, userId, now) {
      return run(
        () =>
          statement(
            `UPDATE invitations SET accepted_at = ?, user_id = ?
             WHERE token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
          ).run(normalizeIso(now), userId, tokenHash, normalizeIso(now)).changes > 0,
      );
    },
    listOpen(now) {
      return run(() =>
        (
          statement(
            `SELECT * FROM invitations
             WHERE accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?
             ORDER BY created_at DESC, id`,
          ).all(normalizeIso(now)) as InvitationRow[]
        ).map(toInvitation),
      );
    },
    revoke(id, now) {
      return run(
        () =>
          statement(
            'UPDATE invitations SET revoked_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL',
          ).run(normalizeIso(now), id).changes > 0,
      );
    },
  };
}

export function createSqliteWorkspaceSettingRepository(ctx: SqliteContext): WorkspaceSettingRepository {
  const { statement, run } = ctx;
  return {
    get(key) {
      return run(() => {
        const row = statement('SELECT value FROM workspace_settings WHERE key = ?').get(key) as
          | { value: string }
          | undefined;
        return row ? parseJson<unknown>(row.value) : null;
      });
    },
    set(key, value, now) {
      return run(() => {
        statement(
          `INSERT INTO workspace_settings (key, value, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        ).run(key, JSON.stringify(value), normalizeIso(now));
      });
    },
  };
}

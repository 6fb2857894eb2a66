import type {
  ApiKey,
  ApiKeyRepository,
  Session,
  SessionRepository,
  User,
  UserRepository,
  UserRole,
} from '../port/access.types.ts';
import type { Locale } from '../port/model.types.ts';
import { emailKey } from '../shared/email-key.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  locale: Locale;
  created_at: string;
  deactivated_at: string | null;
  must_change_password: number;
}

interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

interface ApiKeyRow {
  id: string;
  name: string;
  key_hash: string;
  prefix: string;
  role: UserRole;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  locale: row.locale,
  createdAt: row.created_at,
  deactivatedAt: row.deactivated_at,
  mustChangePassword: row.must_change_password === 1,
});

const toSession = (row: SessionRow): Session => ({
  tokenHash: row.token_hash,
  userId: row.user_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  keyHash: row.key_hash,
  prefix: row.prefix,
  role: row.role,
  scopes: parseJson<string[]>(row.scopes),
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

export function createSqliteUserRepository(ctx: SqliteContext): UserRepository {
  const { statement, run } = ctx;
  const getRow = (id: string) => statement('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return {
    create(user) {
      return run(() => {
        try {
          statement(
            `INSERT INTO users (id, email, email_key, name, role, password_hash, locale, created_at,
               deactivated_at, must_change_password)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            user.id,
            user.email,
            emailKey(user.email),
            user.name,
            user.role,
            user.passwordHash,
            user.locale,
            normalizeIso(user.createdAt),
            user.deactivatedAt ? normalizeIso(user.deactivatedAt) : null,
            user.mustChangePassword ? 1 : 0,
          );
        } catch (error) {
          translateConstraint(error, `User ${user.id} or email ${user.email}`);
        }
        return toUser(getRow(user.id) as UserRow);
      });
    },
    get(id) {
      return run(() => {
        const row = getRow(id);
        return row ? toUser(row) : null;
      });
    },
    getByEmail(email) {
      return run(() => {
        const row = statement('SELECT * FROM users WHERE email_key = ?').get(emailKey(email)) as
          | UserRow
          | undefined;
        return row ? toUser(row) : null;
      });
    },
    list() {
      return run(() => (statement('SELECT * FROM users ORDER BY email_key').all() as UserRow[]).map(toUser));
    },
    update(id, patch) {
      return run(() => {
        const current = getRow(id);
        if (!current) return null;
        const defined = Object.entries(patch).filter(([, value]) => value !== undefined);
        const next: User = { ...toUser(current), ...Object.fromEntries(defined) };
        if (next.deactivatedAt) next.deactivatedAt = normalizeIso(next.deactivatedAt);
        try {
          statement(
            `UPDATE users SET email = ?, email_key = ?, name = ?, role = ?, password_hash = ?, locale = ?,
               deactivated_at = ?, must_change_password = ?
             WHERE id = ?`,
          ).run(
            next.email,
            emailKey(next.email),
            next.name,
            next.role,
            next.passwordHash,
            next.locale,
            next.deactivatedAt,
            next.mustChangePassword ? 1 : 0,
            id,
          );
        } catch (error) {
          translateConstraint(error, `Email ${next.email}`);
        }
        return next;
      });
    },
    delete(id) {
      return run(() => statement('DELETE FROM users WHERE id = ?').run(id).changes > 0);
    },
  };
}

export function createSqliteSessionRepository(ctx: SqliteContext): SessionRepository {
  const { statement, run } = ctx;
  return {
    create(session) {
      return run(() => {
        const row: SessionRow = {
          token_hash: session.tokenHash,
          user_id: session.userId,
          created_at: normalizeIso(session.createdAt),
          expires_at: normalizeIso(session.expiresAt),
        };
        try {
          statement(
            'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
          ).run(row.token_hash, row.user_id, row.created_at, row.expires_at);
        } catch (error) {
          translateConstraint(error, 'Session');
        }
        return toSession(row);
      });
    },
    get(tokenHash, now) {
      return run(() => {
        const row = statement('SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?').get(
          tokenHash,
          normalizeIso(now),
        ) as SessionRow | undefined;
        return row ? toSession(row) : null;
      });
    },
    delete(tokenHash) {
      return run(() => statement('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash).changes > 0);
    },
    deleteForUser(userId) {
      return run(() => statement('DELETE FROM sessions WHERE user_id = ?').run(userId).changes);
    },
    deleteExpired(now) {
      return run(
        () => statement('DELETE FROM sessions WHERE expires_at <= ?').run(normalizeIso(now)).changes,
      );
    },
  };
}

export function createSqliteApiKeyRepository(ctx: SqliteContext): ApiKeyRepository {
  const { statement, run } = ctx;
  const byId = (id: string) =>
    statement('SELECT * FROM api_keys WHERE id = ?').get(id) as ApiKeyRow | undefined;
  return {
    create(key) {
      return run(() => {
        try {
          statement(
            `INSERT INTO api_keys (id, name, key_hash, prefix, role, scopes, created_at, revoked_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
          ).run(
            key.id,
            key.name,
            key.keyHash,
            key.prefix,
            key.role,
            JSON.stringify(key.scopes),
            normalizeIso(key.createdAt),
          );
        } catch (error) {
          translateConstraint(error, `API key ${key.id}`);
        }
        return toApiKey(byId(key.id) as ApiKeyRow);
      });
    },
    get(id) {
      return run(() => {
        const row = byId(id);
        return row ? toApiKey(row) : null;
      });
    },
    getByHash(keyHash) {
      return run(() => {
        const row = statement('SELECT * FROM api_keys WHERE key_hash = ?').get(keyHash) as
          | ApiKeyRow
          | undefined;
        return row ? toApiKey(row) : null;
      });
    },
    list() {
      return run(() =>
        (statement('SELECT * FROM api_keys ORDER BY created_at DESC, id').all() as ApiKeyRow[]).map(toApiKey),
      );
    },
    revoke(id, now) {
      return run(
        () =>
          statement('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
            normalizeIso(now),
            id,
          ).changes > 0,
      );
    },
  };
}

import type {
  CustomerIdentity,
  CustomerIdentityKind,
  CustomerLocale,
  CustomerProfile,
  CustomerRepository,
} from '../port/customer.types.ts';
import { StoreError } from '../port/store-error.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface CustomerRow {
  id: string;
  workspace_id: string;
  name: string | null;
  tags: string;
  vip_level: number;
  request_count: number;
  complaint_count: number;
  last_contact_at: string | null;
  /** Added by migration 12; older rows read null. */
  locale: string | null;
  created_at: string;
  updated_at: string;
}

interface IdentityRow {
  kind: string;
  value: string;
  customer_id: string;
}

function localeOf(value: string | null): CustomerLocale | null {
  return value === 'zh-CN' || value === 'en' ? value : null;
}

function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** Above this many matches the search reads customers newest first (see search). */
export const CUSTOMER_MATCH_CAP = 2_000;

/** The search's matches (workspace, name pattern, workspace, whole identity, cap), from indexes only. */
export const CUSTOMER_MATCHES_SQL = `SELECT id FROM (
    SELECT id FROM customers INDEXED BY customers_by_name
    WHERE workspace_id = ? AND name LIKE ? ESCAPE '\\'
    UNION ALL
    SELECT customer_id AS id FROM customer_identities INDEXED BY customer_identities_by_value
    WHERE workspace_id = ? AND value = ?)
  LIMIT ?`;

export function createSqliteCustomerRepository(ctx: SqliteContext): CustomerRepository {
  const { statement, run, atomic } = ctx;

  function load(id: string): CustomerProfile | null {
    const row = statement('SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
    if (!row) return null;
    const identities = statement(
      'SELECT kind, value, customer_id FROM customer_identities WHERE customer_id = ? ORDER BY seq',
    ).all(id) as IdentityRow[];
    return toProfile(row, identities);
  }

  /** All ids as one JSON parameter (as listStepsOf): one statement text whatever the count. */
  function loadMany(ids: readonly string[]): Map<string, CustomerProfile> {
    const found = new Map<string, CustomerProfile>();
    if (ids.length === 0) return found;
    const list = JSON.stringify([...new Set(ids)]);
    const rows = statement('SELECT * FROM customers WHERE id IN (SELECT value FROM json_each(?))').all(
      list,
    ) as CustomerRow[];
    const identities = statement(
      `SELECT kind, value, customer_id FROM customer_identities
       WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY seq`,
    ).all(list) as IdentityRow[];
    const byCustomer = new Map<string, IdentityRow[]>();
    for (const identity of identities) {
      const owned = byCustomer.get(identity.customer_id) ?? [];
      owned.push(identity);
      byCustomer.set(identity.customer_id, owned);
    }
    for (const row of rows) found.set(row.id, toProfile(row, byCustomer.get(row.id) ?? []));
    return found;
  }

  function toProfile(row: CustomerRow, identities: readonly IdentityRow[]): CustomerProfile {
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      name: row.name,
      tags: parseJson<string[]>(row.tags),
      vipLevel: row.vip_level,
      requestCount: row.request_count,
      complaintCount: row.complaint_count,
      lastContactAt: row.last_contact_at,
      locale: localeOf(row.locale),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      identities: identities.map((identity) => ({
        kind: identity.kind as CustomerIdentityKind,
        value: identity.value,
      })),
    };
  }

  function insertIdentity(workspaceId: string, customerId: string, identity: CustomerIdentity, at: string) {
    const next = statement(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM customer_identities WHERE customer_id = ?',
    ).get(customerId) as { seq: number };
    statement(
      `INSERT INTO customer_identities (workspace_id, kind, value, customer_id, added_at, seq)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(workspaceId, identity.kind, identity.value, customerId, at, next.seq);
  }

  return {
    create(input) {
      return run(() =>
        atomic(() => {
          const now = normalizeIso(input.now);
          try {
            statement(
              `INSERT INTO customers (id, workspace_id, name, tags, vip_level, request_count, complaint_count,
                 last_contact_at, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, NULL, ?, ?, ?)`,
            ).run(
              input.id,
              input.workspaceId,
              input.name ?? null,
              JSON.stringify(input.tags ?? []),
              input.vipLevel ?? 0,
              input.locale ?? null,
              now,
              now,
            );
            for (const identity of input.identities)
              insertIdentity(input.workspaceId, input.id, identity, now);
          } catch (error) {
            translateConstraint(error, `Customer ${input.id} or one of its identities`);
          }
          return load(input.id) as CustomerProfile;
        }),
      );
    },

    get(id) {
      return run(() => load(id));
    },
    getMany(ids) {
      return run(() => loadMany(ids));
    },

    search(workspaceId, query, limit) {
      return run(() => {
        // LIKE is case-blind for ASCII only; names in Chinese match as typed.
        const pattern = `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
        // Read from indexes what matches: a name's part from a scan of the short name
        // entries, a whole identity by its value. A term matching more than the cap
        // (a common surname) is read newest first instead, which stops early.
        const matches = statement(CUSTOMER_MATCHES_SQL)
          .pluck()
          .all(workspaceId, pattern, workspaceId, query, CUSTOMER_MATCH_CAP + 1) as string[];
        const ids =
          matches.length <= CUSTOMER_MATCH_CAP
            ? (statement(
                `SELECT id FROM customers WHERE id IN (SELECT value FROM json_each(?))
                 ORDER BY updated_at DESC, id LIMIT ?`,
              )
                .pluck()
                .all(JSON.stringify(matches), limit) as string[])
            : (statement(
                `SELECT c.id FROM customers c INDEXED BY customers_by_updated
                 WHERE c.workspace_id = ? AND (c.name LIKE ? ESCAPE '\\' OR EXISTS (
                   SELECT 1 FROM customer_identities i WHERE i.customer_id = c.id AND i.value = ?))
                 ORDER BY c.updated_at DESC, c.id LIMIT ?`,
              )
                .pluck()
                .all(workspaceId, pattern, query, limit) as string[]);
        const profiles = loadMany(ids);
        return ids.flatMap((id) => profiles.get(id) ?? []);
      });
    },
    findByIdentity(workspaceId, identity) {
      return run(() => {
        const row = statement(
          'SELECT customer_id FROM customer_identities WHERE workspace_id = ? AND kind = ? AND value = ?',
        ).get(workspaceId, identity.kind, identity.value) as { customer_id: string } | undefined;
        return row ? load(row.customer_id) : null;
      });
    },

    addIdentity(customerId, identity, now) {
      return run(() =>
        atomic(() => {
          const customer = statement('SELECT workspace_id FROM customers WHERE id = ?').get(customerId) as
            | { workspace_id: string }
            | undefined;
          if (!customer) throw new StoreError('not_found', `Customer ${customerId} does not exist`);
          const owner = statement(
            'SELECT customer_id FROM customer_identities WHERE workspace_id = ? AND kind = ? AND value = ?',
          ).get(customer.workspace_id, identity.kind, identity.value) as { customer_id: string } | undefined;
          if (owner?.customer_id === customerId) return false;
          if (owner)
            throw new StoreError('duplicate', `Identity ${identity.kind} belongs to another customer`);
          insertIdentity(customer.workspace_id, customerId, identity, normalizeIso(now));
          statement('UPDATE customers SET updated_at = ? WHERE id = ?').run(normalizeIso(now), customerId);
          return true;
        }),
      );
    },

    update(id, patch, now) {
      return run(() => {
        const current = load(id);
        if (!current) return null;
        statement(
          'UPDATE customers SET name = ?, tags = ?, vip_level = ?, locale = ?, updated_at = ? WHERE id = ?',
        ).run(
          patch.name !== undefined ? patch.name : current.name,
          JSON.stringify(patch.tags ?? current.tags),
          patch.vipLevel ?? current.vipLevel,
          patch.locale !== undefined ? patch.locale : current.locale,
          normalizeIso(now),
          id,
        );
        return load(id);
      });
    },

    recordContact(id, contact) {
      return run(() => {
        const at = normalizeIso(contact.at);
        // One statement, so concurrent contacts from two processes both count.
        const changed = statement(
          `UPDATE customers SET request_count = request_count + ?, complaint_count = complaint_count + ?,
             last_contact_at = CASE WHEN last_contact_at IS NULL OR last_contact_at < ? THEN ? ELSE last_contact_at END,
             updated_at = ? WHERE id = ?`,
        ).run(contact.requests ?? 0, contact.complaints ?? 0, at, at, at, id).changes;
        return changed > 0 ? load(id) : null;
      });
    },

    merge(intoId, fromId, now) {
      return run(() =>
        atomic(() => {
          if (intoId === fromId) return load(intoId);
          const into = load(intoId);
          const from = load(fromId);
          if (!into || !from) return null;
          const iso = normalizeIso(now);
          const tags = [...new Set([...into.tags, ...from.tags])];
          statement(
            `UPDATE customers SET name = ?, tags = ?, vip_level = ?, request_count = ?, complaint_count = ?,
               last_contact_at = ?, locale = ?, updated_at = ? WHERE id = ?`,
          ).run(
            into.name ?? from.name,
            JSON.stringify(tags),
            Math.max(into.vipLevel, from.vipLevel),
            into.requestCount + from.requestCount,
            into.complaintCount + from.complaintCount,
            laterOf(into.lastContactAt, from.lastContactAt),
            into.locale ?? from.locale,
            iso,
            intoId,
          );
          const base = into.identities.length;
          from.identities.forEach((identity, index) => {
            statement(
              `UPDATE customer_identities SET customer_id = ?, seq = ?
               WHERE workspace_id = ? AND kind = ? AND value = ?`,
            ).run(intoId, base + index + 1, from.workspaceId, identity.kind, identity.value);
          });
          statement('DELETE FROM customers WHERE id = ?').run(fromId);
          return load(intoId);
        }),
      );
    },
  };
}

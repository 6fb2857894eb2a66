import type {
  InAppMessage,
  InAppMessageRepository,
  InboxRecipient,
  InboxRecipientKind,
  MessageTemplate,
  MessageTemplateRepository,
  TemplateChannel,
} from '../port/notification.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext } from './sqlite-context.ts';

interface InAppRow {
  id: string;
  workspace_id: string;
  recipient_kind: string;
  recipient_id: string;
  subject: string;
  body: string;
  idempotency_key: string | null;
  ticket_id: string | null;
  created_at: string;
  read_at: string | null;
}

const toMessage = (row: InAppRow): InAppMessage => ({
  id: row.id,
  workspaceId: row.workspace_id,
  recipientKind: row.recipient_kind as InboxRecipientKind,
  recipientId: row.recipient_id,
  subject: row.subject,
  body: row.body,
  idempotencyKey: row.idempotency_key,
  ticketId: row.ticket_id,
  createdAt: row.created_at,
  readAt: row.read_at,
});

/** `(recipient_kind = ? AND recipient_id = ?) OR …` for a list of inboxes; '0' for none. */
function recipientsWhere(recipients: readonly InboxRecipient[]): { where: string; values: string[] } {
  if (recipients.length === 0) return { where: '0', values: [] };
  return {
    where: `(${recipients.map(() => '(recipient_kind = ? AND recipient_id = ?)').join(' OR ')})`,
    values: recipients.flatMap((recipient) => [recipient.kind, recipient.id]),
  };
}

export function createSqliteInAppMessageRepository(ctx: SqliteContext): InAppMessageRepository {
  const { statement, run } = ctx;
  const byId = (id: string) => statement('SELECT * FROM in_app_messages WHERE id = ?').get(id) as InAppRow;
  return {
    create(message) {
      return run(() => {
        if (message.idempotencyKey) {
          const existing = statement('SELECT * FROM in_app_messages WHERE idempotency_key = ?').get(
            message.idempotencyKey,
          ) as InAppRow | undefined;
          if (existing) return toMessage(existing);
        }
        statement(
          `INSERT INTO in_app_messages (id, workspace_id, recipient_kind, recipient_id, subject, body,
             idempotency_key, ticket_id, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        ).run(
          message.id,
          message.workspaceId,
          message.recipientKind,
          message.recipientId,
          message.subject,
          message.body,
          message.idempotencyKey,
          message.ticketId ?? null,
          normalizeIso(message.createdAt),
        );
        return toMessage(byId(message.id));
      });
    },
    listFor(kind, recipientId, options = {}) {
      return run(() =>
        (
          statement(
            `SELECT * FROM in_app_messages WHERE recipient_kind = ? AND recipient_id = ?
               AND (? = 0 OR read_at IS NULL) ORDER BY created_at DESC, id DESC LIMIT 500`,
          ).all(kind, recipientId, options.unreadOnly ? 1 : 0) as InAppRow[]
        ).map(toMessage),
      );
    },
    markRead(id, at) {
      return run(
        () =>
          statement('UPDATE in_app_messages SET read_at = ? WHERE id = ? AND read_at IS NULL').run(
            normalizeIso(at),
            id,
          ).changes > 0,
      );
    },
    get(id) {
      return run(() => {
        const row = statement('SELECT * FROM in_app_messages WHERE id = ?').get(id) as InAppRow | undefined;
        return row ? toMessage(row) : null;
      });
    },
    listForRecipients(recipients, options = {}) {
      return run(() => {
        const { where, values } = recipientsWhere(recipients);
        const unread = options.unreadOnly ? ' AND read_at IS NULL' : '';
        return (
          statement(
            `SELECT * FROM in_app_messages WHERE ${where}${unread} ORDER BY created_at DESC, id DESC LIMIT ?`,
          ).all(...values, options.limit ?? 100) as InAppRow[]
        ).map(toMessage);
      });
    },
    countUnread(recipients) {
      return run(() => {
        const { where, values } = recipientsWhere(recipients);
        const row = statement(
          `SELECT COUNT(*) AS n FROM in_app_messages WHERE ${where} AND read_at IS NULL`,
        ).get(...values) as { n: number };
        return row.n;
      });
    },
    markAllRead(recipients, at) {
      return run(() => {
        const { where, values } = recipientsWhere(recipients);
        return statement(`UPDATE in_app_messages SET read_at = ? WHERE ${where} AND read_at IS NULL`).run(
          normalizeIso(at),
          ...values,
        ).changes;
      });
    },
  };
}

interface TemplateRow {
  id: string;
  workspace_id: string;
  name: string;
  channel: string;
  subject: string;
  body: string;
  updated_at: string;
}

const toTemplate = (row: TemplateRow): MessageTemplate => ({
  id: row.id,
  workspaceId: row.workspace_id,
  name: row.name,
  channel: row.channel as TemplateChannel,
  subject: parseJson<Record<string, string>>(row.subject),
  body: parseJson<Record<string, string>>(row.body),
  updatedAt: row.updated_at,
});

export function createSqliteMessageTemplateRepository(ctx: SqliteContext): MessageTemplateRepository {
  const { statement, run } = ctx;
  const get = (id: string) => {
    const row = statement('SELECT * FROM message_templates WHERE id = ?').get(id) as TemplateRow | undefined;
    return row ? toTemplate(row) : null;
  };
  return {
    put(template) {
      return run(() => {
        statement(
          `INSERT INTO message_templates (id, workspace_id, name, channel, subject, body, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET workspace_id = excluded.workspace_id, name = excluded.name,
             channel = excluded.channel, subject = excluded.subject, body = excluded.body,
             updated_at = excluded.updated_at`,
        ).run(
          template.id,
          template.workspaceId,
          template.name,
          template.channel,
          JSON.stringify(template.subject),
          JSON.stringify(template.body),
          normalizeIso(template.updatedAt),
        );
        return get(template.id) as MessageTemplate;
      });
    },
    get(id) {
      return run(() => get(id));
    },
    list(workspaceId) {
      return run(() =>
        (
          statement('SELECT * FROM message_templates WHERE workspace_id = ? ORDER BY name, id').all(
            workspaceId,
          ) as TemplateRow[]
        ).map(toTemplate),
      );
    },
    delete(id) {
      return run(() => statement('DELETE FROM message_templates WHERE id = ?').run(id).changes > 0);
    },
  };
}

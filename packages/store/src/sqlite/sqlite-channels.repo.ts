import type {
  ChannelSetting,
  ChannelSettingRepository,
  Conversation,
  ConversationAuthor,
  ConversationDirection,
  ConversationMessage,
  ConversationRepository,
} from '../port/channel.types.ts';
import type { JsonObject } from '../port/json.types.ts';
import { StoreError } from '../port/store-error.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface SettingRow {
  workspace_id: string;
  channel: string;
  enabled: number;
  settings: string;
  updated_at: string;
}

const toSetting = (row: SettingRow): ChannelSetting => ({
  workspaceId: row.workspace_id,
  channel: row.channel,
  enabled: row.enabled === 1,
  settings: parseJson<JsonObject>(row.settings),
  updatedAt: row.updated_at,
});

export function createSqliteChannelSettingRepository(ctx: SqliteContext): ChannelSettingRepository {
  const { statement, run } = ctx;
  const select = (workspaceId: string, channel: string) =>
    statement('SELECT * FROM channel_settings WHERE workspace_id = ? AND channel = ?').get(
      workspaceId,
      channel,
    ) as SettingRow | undefined;
  return {
    get(workspaceId, channel) {
      return run(() => {
        const row = select(workspaceId, channel);
        return row ? toSetting(row) : null;
      });
    },
    list(workspaceId) {
      return run(() =>
        (
          statement('SELECT * FROM channel_settings WHERE workspace_id = ? ORDER BY channel').all(
            workspaceId,
          ) as SettingRow[]
        ).map(toSetting),
      );
    },
    put(setting) {
      return run(() => {
        statement(
          `INSERT INTO channel_settings (workspace_id, channel, enabled, settings, updated_at)
             VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id, channel) DO UPDATE SET
             enabled = excluded.enabled, settings = excluded.settings, updated_at = excluded.updated_at`,
        ).run(
          setting.workspaceId,
          setting.channel,
          setting.enabled ? 1 : 0,
          JSON.stringify(setting.settings),
          normalizeIso(setting.updatedAt),
        );
        return toSetting(select(setting.workspaceId, setting.channel) as SettingRow);
      });
    },
  };
}

interface ConversationRow {
  id: string;
  workspace_id: string;
  channel: string;
  customer_key: string | null;
  ticket_id: string | null;
  token_hash: string | null;
  created_at: string;
  updated_at: string;
}

const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  workspaceId: row.workspace_id,
  channel: row.channel,
  customerKey: row.customer_key,
  ticketId: row.ticket_id,
  tokenHash: row.token_hash,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  direction: string;
  author: string;
  body: string;
  external_id: string | null;
  created_at: string;
}

const toMessage = (row: MessageRow): ConversationMessage => ({
  id: row.id,
  conversationId: row.conversation_id,
  seq: row.seq,
  direction: row.direction as ConversationDirection,
  author: row.author as ConversationAuthor,
  body: row.body,
  externalId: row.external_id,
  createdAt: row.created_at,
});

const CONVERSATION_COLUMNS =
  'id, workspace_id, channel, customer_key, ticket_id, token_hash, created_at, updated_at';

export function createSqliteConversationRepository(ctx: SqliteContext): ConversationRepository {
  const { statement, run, atomic } = ctx;
  const one = (sql: string, ...args: unknown[]) => {
    const row = statement(sql).get(...args) as ConversationRow | undefined;
    return row ? toConversation(row) : null;
  };
  const messageById = (id: string) =>
    statement('SELECT * FROM conversation_messages WHERE id = ?').get(id) as MessageRow | undefined;

  return {
    create(conversation) {
      return run(() => {
        try {
          statement(
            `INSERT INTO conversations (${CONVERSATION_COLUMNS}, last_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
          ).run(
            conversation.id,
            conversation.workspaceId,
            conversation.channel,
            conversation.customerKey,
            conversation.ticketId,
            conversation.tokenHash,
            normalizeIso(conversation.createdAt),
            normalizeIso(conversation.updatedAt),
          );
        } catch (error) {
          translateConstraint(error, `conversation ${conversation.id}`);
        }
        return one(
          `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = ?`,
          conversation.id,
        ) as Conversation;
      });
    },
    get(id) {
      return run(() => one(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = ?`, id));
    },
    findByTicket(ticketId) {
      return run(() =>
        one(
          `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE ticket_id = ?
             ORDER BY updated_at DESC, id DESC LIMIT 1`,
          ticketId,
        ),
      );
    },
    findByCustomer(workspaceId, channel, customerKey) {
      return run(() =>
        one(
          `SELECT ${CONVERSATION_COLUMNS} FROM conversations
             WHERE workspace_id = ? AND channel = ? AND customer_key = ?
             ORDER BY updated_at DESC, id DESC LIMIT 1`,
          workspaceId,
          channel,
          customerKey,
        ),
      );
    },
    linkTicket(id, ticketId, at) {
      return run(
        () =>
          statement('UPDATE conversations SET ticket_id = ?, updated_at = ? WHERE id = ?').run(
            ticketId,
            normalizeIso(at),
            id,
          ).changes > 0,
      );
    },
    appendMessage(message) {
      return run(() =>
        atomic(() => {
          const existing = messageById(message.id);
          if (existing) return toMessage(existing);
          const createdAt = normalizeIso(message.createdAt);
          const bumped = statement(
            `UPDATE conversations SET last_seq = last_seq + 1, updated_at = ?
               WHERE id = ? RETURNING last_seq, workspace_id, channel`,
          ).get(createdAt, message.conversationId) as
            | { last_seq: number; workspace_id: string; channel: string }
            | undefined;
          if (!bumped) {
            throw new StoreError('not_found', `conversation ${message.conversationId} does not exist`);
          }
          statement(
            `INSERT INTO conversation_messages (id, conversation_id, seq, direction, author, body,
               external_id, workspace_id, channel, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            message.id,
            message.conversationId,
            bumped.last_seq,
            message.direction,
            message.author,
            message.body,
            message.externalId,
            bumped.workspace_id,
            bumped.channel,
            createdAt,
          );
          return toMessage(messageById(message.id) as MessageRow);
        }),
      );
    },
    listMessages(conversationId, afterSeq, limit = 200) {
      return run(() =>
        (
          statement(
            `SELECT * FROM conversation_messages WHERE conversation_id = ? AND seq > ?
               ORDER BY seq LIMIT ?`,
          ).all(conversationId, afterSeq, limit) as MessageRow[]
        ).map(toMessage),
      );
    },
    findMessageByExternalId(workspaceId, channel, externalId) {
      return run(() => {
        const row = statement(
          `SELECT * FROM conversation_messages WHERE workspace_id = ? AND channel = ? AND external_id = ?
             ORDER BY created_at, seq LIMIT 1`,
        ).get(workspaceId, channel, externalId) as MessageRow | undefined;
        return row ? toMessage(row) : null;
      });
    },
  };
}

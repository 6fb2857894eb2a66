import type { JsonObject } from './json.types.ts';

/**
 * Channels: how each one is switched on and set up per workspace, and the
 * conversations that carry a customer's messages and our replies on it (a
 * chat session, an email thread, a WeChat follower, a phone call).
 */

export interface ChannelSetting {
  workspaceId: string;
  /** `email`, `widget`, `voice`, `wechat`, `progress_page`… */
  channel: string;
  enabled: boolean;
  /** Channel-specific settings; secrets are stored here and never sent back to browsers. */
  settings: JsonObject;
  updatedAt: string;
}

export interface ChannelSettingRepository {
  get(workspaceId: string, channel: string): Promise<ChannelSetting | null>;
  /** Ordered by channel. */
  list(workspaceId: string): Promise<ChannelSetting[]>;
  /** Creates or replaces the workspace's setting for that channel. */
  put(setting: ChannelSetting): Promise<ChannelSetting>;
}

export interface Conversation {
  id: string;
  workspaceId: string;
  /** The request channel: `chat`, `web_form`, `email`, `wechat`, `phone`… */
  channel: string;
  /** Who is on the other end, as the channel knows them: visitor id, OpenID, email address, number. */
  customerKey: string | null;
  /** The ticket the conversation belongs to, once a flow has created one. */
  ticketId: string | null;
  /** SHA-256 of the secret the customer's browser holds to read the conversation; null when none. */
  tokenHash: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ConversationDirection = 'in' | 'out';
export type ConversationAuthor = 'customer' | 'flow' | 'agent';

export interface ConversationMessage {
  id: string;
  conversationId: string;
  /** 1, 2, 3… within the conversation, given by the store: readers poll for "after seq". */
  seq: number;
  direction: ConversationDirection;
  author: ConversationAuthor;
  body: string;
  /** The channel's own id of the message (email Message-ID, WeChat MsgId), for threading. */
  externalId: string | null;
  createdAt: string;
}

export interface ConversationRepository {
  /** Throws StoreError 'duplicate' when the id exists. */
  create(conversation: Conversation): Promise<Conversation>;
  get(id: string): Promise<Conversation | null>;
  /** The most recently updated conversation linked to the ticket. */
  findByTicket(ticketId: string): Promise<Conversation | null>;
  /** The most recently updated conversation with this customer on this channel. */
  findByCustomer(workspaceId: string, channel: string, customerKey: string): Promise<Conversation | null>;
  /** False when the conversation does not exist. */
  linkTicket(id: string, ticketId: string, at: string): Promise<boolean>;
  /**
   * Appends a message and gives it the conversation's next seq. The same message
   * id twice returns the first message unchanged, so a repeated step writes one.
   * Throws StoreError 'not_found' when the conversation does not exist.
   */
  appendMessage(message: Omit<ConversationMessage, 'seq'>): Promise<ConversationMessage>;
  /** Messages with seq > afterSeq, oldest first, at most `limit` (default 200). */
  listMessages(conversationId: string, afterSeq: number, limit?: number): Promise<ConversationMessage[]>;
  /** The message with this channel id in the workspace's conversations on this channel. */
  findMessageByExternalId(
    workspaceId: string,
    channel: string,
    externalId: string,
  ): Promise<ConversationMessage | null>;
}

/** In-app messages for agents and teams, and the message templates notifications are written from. */

export type InboxRecipientKind = 'agent' | 'team';

export interface InAppMessage {
  id: string;
  workspaceId: string;
  recipientKind: InboxRecipientKind;
  recipientId: string;
  subject: string;
  body: string;
  /** Same key twice creates one message: a repeated step does not notify twice. */
  idempotencyKey: string | null;
  /** The ticket the message is about, so the inbox links to it; absent or null when it is about none. */
  ticketId?: string | null;
  createdAt: string;
  readAt: string | null;
}

/** One inbox a person reads: their own agent id, or a team they belong to. */
export interface InboxRecipient {
  kind: InboxRecipientKind;
  id: string;
}

export interface InAppMessageRepository {
  /** Creates the message, or returns the one already created under the same idempotency key. */
  create(message: Omit<InAppMessage, 'readAt'>): Promise<InAppMessage>;
  /** Newest first. */
  listFor(
    recipientKind: InboxRecipientKind,
    recipientId: string,
    options?: { unreadOnly?: boolean },
  ): Promise<InAppMessage[]>;
  /** False when the message does not exist or was read already. */
  markRead(id: string, at: string): Promise<boolean>;
  get(id: string): Promise<InAppMessage | null>;
  /** Messages to any of these recipients, newest first (at most `limit`, default 100). */
  listForRecipients(
    recipients: readonly InboxRecipient[],
    options?: { unreadOnly?: boolean; limit?: number },
  ): Promise<InAppMessage[]>;
  countUnread(recipients: readonly InboxRecipient[]): Promise<number>;
  /** Marks every unread message to these recipients read; returns how many. */
  markAllRead(recipients: readonly InboxRecipient[], at: string): Promise<number>;
}

export type TemplateChannel = 'reply' | 'email' | 'sms' | 'webhook' | 'in_app';

export interface MessageTemplate {
  id: string;
  workspaceId: string;
  name: string;
  channel: TemplateChannel;
  /** Per locale (`zh-CN`, `en`); a missing locale falls back to the other one. */
  subject: Record<string, string>;
  body: Record<string, string>;
  updatedAt: string;
}

export interface MessageTemplateRepository {
  /** Creates or replaces the template. */
  put(template: MessageTemplate): Promise<MessageTemplate>;
  get(id: string): Promise<MessageTemplate | null>;
  /** Ordered by name. */
  list(workspaceId: string): Promise<MessageTemplate[]>;
  delete(id: string): Promise<boolean>;
}

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
  createdAt: string;
  readAt: string | null;
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

import { LOCALES } from '@flowdesk/model';
import { z } from 'zod';

/** What the widget sends and receives. Strict: an unknown field is a client bug, not data. */

/** A chat message is typed by a person; 5000 characters is far beyond one. */
export const WIDGET_MESSAGE_MAX = 5000;

/** The id the widget keeps in the visitor's localStorage; it names the customer on the chat channel. */
const VisitorId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const StartConversationSchema = z
  .strictObject({
    mode: z.enum(['form', 'chat']),
    name: z.string().trim().min(1).max(100).optional(),
    /** A phone number or an email address; which one is decided by its shape. */
    contact: z.string().trim().min(1).max(320).optional(),
    category: z.string().trim().min(1).max(100).optional(),
    message: z.string().trim().min(1).max(WIDGET_MESSAGE_MAX),
    locale: z.enum(LOCALES).default('zh-CN'),
    sourcePage: z.string().max(2048).optional(),
    visitorId: VisitorId.optional(),
  })
  .meta({ description: 'A visitor starts a conversation (chat) or submits the form.' });
export type StartConversation = z.infer<typeof StartConversationSchema>;

export const ChatMessageSchema = z
  .strictObject({ message: z.string().trim().min(1).max(WIDGET_MESSAGE_MAX) })
  .meta({ description: 'A later message in a chat conversation.' });

export const PublicMessageSchema = z.strictObject({
  seq: z.number().int(),
  direction: z.enum(['in', 'out']),
  author: z.enum(['customer', 'flow', 'agent']),
  body: z.string(),
  createdAt: z.string(),
});
export type PublicMessage = z.infer<typeof PublicMessageSchema>;

export const ConversationStartedSchema = z.strictObject({
  conversationId: z.string(),
  /** Shown once: the browser keeps it to send messages and read replies. Only its SHA-256 is stored. */
  token: z.string(),
  ticketNumber: z.string().optional(),
  /** The customer's progress page, when a ticket exists and the page is switched on. */
  progressUrl: z.string().optional(),
  messages: z.array(PublicMessageSchema),
});

export const MessageAcceptedSchema = z.strictObject({
  /** The ticket the message joined (or that the flows opened for it). */
  ticketNumber: z.string().optional(),
});

export const WidgetConfigSchema = z.strictObject({
  mode: z.enum(['form', 'chat']),
  categories: z.array(z.string()),
  greeting: z.strictObject({ 'zh-CN': z.string(), en: z.string() }),
});

const EMAIL = z.email();
const PHONE = /^\+?[0-9][0-9 ()-]{4,24}$/;

/** Splits the contact field into the identity the desk knows; null when it is neither. */
export function parseContact(contact: string): { email: string } | { phone: string } | null {
  if (contact.includes('@'))
    return EMAIL.safeParse(contact).success ? { email: contact.toLowerCase() } : null;
  return PHONE.test(contact) ? { phone: contact.replace(/[ ()-]/g, '') } : null;
}

import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';

export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** An HTML part rendered and escaped by the caller; without it the text becomes simple HTML. */
  readonly html?: string | undefined;
  /** Threading: the customer's Message-ID we answer, and the thread's earlier ids. */
  readonly inReplyTo?: string | undefined;
  readonly references?: readonly string[] | undefined;
}

export interface SmtpSenderOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  readonly url: string;
  /** The From address, e.g. `FlowDesk <desk@example.com>`. */
  readonly from: string;
  readonly timeoutMs?: number;
}

export interface SmtpSender {
  send(message: EmailMessage, idempotencyKey: string): Promise<void>;
  close(): void;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The plain text as simple HTML: escaped, paragraphs and line breaks kept, nothing else. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
  const paragraphs = escaped.split(/\n{2,}/).map((part) => `<p>${part.replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body>${paragraphs.join('')}</body></html>`;
}

/**
 * The local part of the Message-ID sent under this key. Threading matches a
 * customer's In-Reply-To on it, so changing the From domain does not break
 * threads that are already open.
 */
export function messageIdDigest(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
}

/** The same key always gives the same Message-ID, so a repeated delivery is recognisable as one message. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  return `<${messageIdDigest(idempotencyKey)}@${domainOf(from)}>`;
}

function domainOf(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'flowdesk.local';
}

/**
 * Threads keep our own earlier replies by their digest only (the local part,
 * see messageIdDigest); a header needs the whole id, so the digest gets the
 * From domain back. Ids that already have a domain are left alone.
 */
function fullMessageId(id: string, from: string): string {
  if (id.includes('@')) return id;
  return `<${id.replace(/^<|>$/g, '')}@${domainOf(from)}>`;
}

/**
 * Sends email through an SMTP server over a pooled connection. A refused or
 * unreachable server throws, and the outbox retries later.
 */
export function createSmtpSender(options: SmtpSenderOptions): SmtpSender {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(message, idempotencyKey) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? textToHtml(message.text),
        messageId: messageIdFor(idempotencyKey, options.from),
        ...(message.inReplyTo ? { inReplyTo: fullMessageId(message.inReplyTo, options.from) } : {}),
        ...(message.references?.length
          ? { references: message.references.map((id) => fullMessageId(id, options.from)) }
          : {}),
        headers: { 'X-FlowDesk-Idempotency-Key': idempotencyKey },
      });
    },
    close: () => transport.close(),
  };
}

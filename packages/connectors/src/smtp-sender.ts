import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';

export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
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

/** The same key always gives the same Message-ID, so a repeated delivery is recognisable as one message. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'flowdesk.local';
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${digest}@${domain}>`;
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
        html: textToHtml(message.text),
        messageId: messageIdFor(idempotencyKey, options.from),
        headers: { 'X-FlowDesk-Idempotency-Key': idempotencyKey },
      });
    },
    close: () => transport.close(),
  };
}

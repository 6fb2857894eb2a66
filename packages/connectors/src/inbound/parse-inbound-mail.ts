import type { Readable } from 'node:stream';
import { type AddressObject, simpleParser } from 'mailparser';
import { stripQuotedHistory } from './quoted-history.ts';

export interface MailAddress {
  name?: string;
  address: string;
}

export interface MailAttachmentInfo {
  name: string;
  contentType: string;
  size: number;
}

/** What FlowDesk keeps of an incoming mail: headers for threading, the text, attachment metadata. */
export interface InboundMail {
  /** As written in the header, angle brackets included: `<abc@mail.example.cn>`. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress | null;
  /** The To and Cc addresses, lower-cased. */
  to: string[];
  subject: string;
  /** The plain text; converted from the HTML part when the mail has no text part. */
  text: string;
  /** The text without quoted history (see quoted-history.ts). */
  strippedText: string;
  /** Metadata only: the bytes are not kept. */
  attachments: MailAttachmentInfo[];
  date: Date | null;
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const flat = objects.flatMap((object) => object.value.flatMap((item) => [item, ...(item.group ?? [])]));
  return flat.flatMap((item) =>
    item.address ? [{ address: item.address.toLowerCase(), ...(item.name ? { name: item.name } : {}) }] : [],
  );
}

function messageIds(value: string | string[] | undefined): string[] {
  const raw = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return raw.flatMap((item) => item.split(/\s+/)).filter((item) => item !== '');
}

/**
 * Parses raw MIME. HTML is only ever turned into text (mailparser's
 * html-to-text conversion): nothing in it is executed or fetched, and inline
 * images are not turned into data URIs.
 */
export async function parseInboundMail(raw: Buffer | Readable): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const text = (parsed.text ?? '').replace(/\r\n?/g, '\n').trim();
  const from = addresses(parsed.from)[0] ?? null;
  return {
    messageId: parsed.messageId?.trim() || null,
    inReplyTo: messageIds(parsed.inReplyTo)[0] ?? null,
    references: messageIds(parsed.references),
    from,
    to: [...new Set([...addresses(parsed.to), ...addresses(parsed.cc)].map((item) => item.address))],
    subject: (parsed.subject ?? '').trim(),
    text,
    strippedText: stripQuotedHistory(text),
    attachments: parsed.attachments.map((attachment) => ({
      name: attachment.filename ?? 'attachment',
      contentType: attachment.contentType || 'application/octet-stream',
      size: attachment.size,
    })),
    date: parsed.date ?? null,
  };
}

import type { InboundMail } from '@flowdesk/connectors';
import { z } from 'zod';
import { type IntakeRequest, IntakeRequestSchema, MAX_MESSAGE_LENGTH } from '../../rest/intake.schema.ts';

/**
 * The normalised request an incoming mail becomes. The text is the new part
 * only (quoted history stripped) and is data: it goes in as is, braces and
 * all, and nothing ever renders it as a template.
 */

const EmailAddress = z.email().max(320);
const MAX_ATTACHMENTS = 20;

function clip(value: string, max: number): string {
  return Array.from(value).length <= max ? value : Array.from(value).slice(0, max).join('');
}

/**
 * `referencedTicket` is a ticket the mail refers to (reply headers or subject)
 * but may not join because someone else sent it; flows and agents see it as
 * `request.customFields.referencedTicket`.
 */
export function emailRequest(
  mail: InboundMail,
  conversationId: string,
  referencedTicket: string | null = null,
): IntakeRequest {
  const address = mail.from?.address;
  const name = mail.from?.name?.trim();
  const message = mail.strippedText || mail.subject || '-';
  return IntakeRequestSchema.parse({
    channel: 'email',
    customer: {
      ...(name ? { name: clip(name, 200) } : {}),
      ...(address && EmailAddress.safeParse(address).success ? { email: address } : {}),
    },
    ...(mail.subject ? { subject: clip(mail.subject, 500) } : {}),
    message: clip(message, MAX_MESSAGE_LENGTH),
    ...(referencedTicket ? { customFields: { referencedTicket } } : {}),
    attachments: mail.attachments.slice(0, MAX_ATTACHMENTS).map((attachment) => ({
      name: clip(attachment.name, 255) || 'attachment',
      contentType: clip(attachment.contentType, 255) || 'application/octet-stream',
      size: attachment.size,
    })),
    metadata: {
      conversationId,
      ...(mail.messageId ? { externalId: clip(mail.messageId, 998) } : {}),
    },
  });
}

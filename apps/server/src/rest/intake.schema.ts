import { CHANNELS, LOCALES } from '@flowdesk/model';
import { z } from 'zod';

/**
 * What `POST /api/v1/requests` accepts. Strict everywhere: an unknown field is
 * more often a client typo than data we should silently drop.
 */

export const MAX_MESSAGE_LENGTH = 20_000;

export const CustomerIdentitySchema = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    phone: z.string().min(3).max(40).optional(),
    email: z.email().max(320).optional(),
    /** The customer's id on the channel (chat visitor id, WeChat OpenID…). */
    channelId: z.string().min(1).max(200).optional(),
    locale: z.enum(LOCALES).optional(),
  })
  .meta({ description: 'Who sent the request; every field is optional.' });
export type CustomerIdentity = z.infer<typeof CustomerIdentitySchema>;

export const AttachmentSchema = z
  .strictObject({
    name: z.string().min(1).max(255),
    contentType: z.string().min(1).max(255),
    size: z.number().int().min(0),
    url: z
      .url({ protocol: /^https?$/, error: 'value.url' })
      .max(2048)
      .optional(),
  })
  .meta({ description: 'Metadata of a file the customer attached; the bytes stay elsewhere.' });

export const CustomFieldsSchema = z
  .record(z.string().min(1).max(100), z.union([z.string().max(2000), z.number(), z.boolean()]))
  .refine((fields) => Object.keys(fields).length <= 100, { message: 'too many custom fields' });

export const RequestMetadataSchema = z.strictObject({
  sourcePage: z.string().max(2048).optional(),
  userAgent: z.string().max(500).optional(),
  ip: z.string().max(64).optional(),
  referrer: z.string().max(2048).optional(),
  /** Set by FlowDesk's own channel endpoints: the conversation replies go back into. Ignored on POST /requests. */
  conversationId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Reserved for FlowDesk’s channel endpoints; ignored when an API client sends it.' }),
  /** The channel's id of the message (email Message-ID, WeChat MsgId, call id). */
  externalId: z.string().min(1).max(998).optional(),
});

export const IntakeRequestSchema = z
  .strictObject({
    channel: z.enum(CHANNELS.values),
    customer: CustomerIdentitySchema.default({}),
    subject: z.string().max(500).optional(),
    message: z.string().min(1).max(MAX_MESSAGE_LENGTH),
    /** The category the customer picked, when the form offers one. */
    category: z.string().min(1).max(100).optional(),
    attachments: z.array(AttachmentSchema).max(20).default([]),
    customFields: CustomFieldsSchema.default({}),
    metadata: RequestMetadataSchema.default({}),
  })
  .meta({ description: 'A customer request arriving on any channel.' });
export type IntakeRequest = z.infer<typeof IntakeRequestSchema>;

export const ProducedSchema = z
  .object({
    ticketNumber: z.string().optional(),
    replies: z.array(z.strictObject({ channel: z.string(), text: z.string() })),
  })
  .catchall(z.unknown())
  .meta({ description: 'What the flows produced before their first wait.' });

export const IntakeAcceptedSchema = z.strictObject({
  requestId: z.string(),
  executionIds: z.array(z.string()),
  produced: ProducedSchema,
});

import { LocalizedTextSchema, PRIORITIES, TICKET_STATUSES } from '@flowdesk/model';
import { z } from 'zod';
import { IntakeRequestSchema } from '../rest/intake.schema.ts';
import { TestCustomerSchema } from '../runtime/dry-run/test-customer.ts';

/**
 * One file under `templates/<id>/samples/`: a realistic request, what happens
 * after it (an agent resolves the ticket, the customer answers the survey) and
 * the outcome the template promises. The sample test feeds it through the real
 * REST API and compares; templates/README.md explains each field.
 */

const Contains = z.array(z.string().min(1).max(500)).max(20).default([]);

const ExpectedTicketSchema = z.strictObject({
  /** null: no category. Left out: not compared (a low-confidence guess a person will confirm). */
  category: z.string().min(1).max(100).nullable().optional(),
  priority: z.enum(PRIORITIES.values),
  team: z.string().min(1).max(100),
  status: z.enum(TICKET_STATUSES.values).optional(),
  /** Whether an agent took it at once (false: it waits in the team queue). */
  assigned: z.boolean().optional(),
  tags: z.array(z.string().min(1).max(100)).max(20).optional(),
  /** Each listed custom field must hold exactly this value. */
  customFields: z.record(z.string(), z.string().max(2000)).optional(),
  /** The title exactly: a title per language follows the request's language. */
  title: z.string().min(1).max(500).optional(),
});

const ExpectedEmailSchema = z.strictObject({
  /** `customer` (the sample's customer email) or an address. */
  to: z.union([z.literal('customer'), z.email()]),
  subjectContains: Contains,
  bodyContains: Contains,
  bodyExcludes: Contains,
});

const FollowUpSchema = z.discriminatedUnion('action', [
  /** An agent resolves the sample's ticket through `POST /api/v1/tickets/:id/resolve`. */
  z.strictObject({ action: z.literal('resolve'), solution: z.string().min(1).max(2000) }),
  /** The customer opens the survey link from their email and submits a score. */
  z.strictObject({
    action: z.literal('answer_survey'),
    score: z.number().int().min(0).max(10),
    comment: z.string().max(2000).default(''),
  }),
  /** Another system reports an event through `POST /api/v1/events`. */
  z.strictObject({
    action: z.literal('event'),
    name: z.string().min(3).max(100),
    payload: z.record(z.string(), z.unknown()).default({}),
  }),
]);
export type SampleFollowUp = z.infer<typeof FollowUpSchema>;

export const TemplateSampleSchema = z.strictObject({
  title: LocalizedTextSchema,
  /** When the request arrives (ISO time with offset); decides business hours. */
  at: z.iso.datetime({ offset: true }),
  /** A customer profile that exists before the request (e.g. a VIP), matched by the request's email. */
  existingCustomer: z.strictObject({ vipLevel: z.number().int().min(0).max(10) }).optional(),
  /**
   * Who the customer is (VIP level, tags, language, earlier requests and
   * complaints): the editor's test run starts from this profile, and the
   * sample test stores it before the request like `existingCustomer`.
   */
  customer: TestCustomerSchema.omit({ customerId: true }).optional(),
  request: IntakeRequestSchema,
  followUps: z.array(FollowUpSchema).max(10).default([]),
  expected: z.strictObject({
    /** The one ticket the request opens, or null when it is answered without one. */
    ticket: ExpectedTicketSchema.nullable(),
    /** Texts of the replies the intake call returns at once (chat, web form, API). */
    replies: z
      .array(z.strictObject({ contains: Contains }))
      .max(10)
      .default([]),
    /** Every email the sample causes, request and follow-ups together, in any order. */
    emails: z.array(ExpectedEmailSchema).max(20).default([]),
    survey: z
      .strictObject({
        sent: z.boolean(),
        /** The review ticket a low score opens, or null when the score opens none. */
        reviewTicket: z
          .strictObject({
            team: z.string().min(1).max(100),
            priority: z.enum(PRIORITIES.values),
            category: z.string().min(1).max(100).optional(),
          })
          .nullable()
          .optional(),
      })
      .optional(),
  }),
});
export type TemplateSample = z.infer<typeof TemplateSampleSchema>;

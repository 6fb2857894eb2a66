import { z } from 'zod';
import { CustomerIdentitySchema } from './intake.schema.ts';

/** What `POST /api/v1/events` accepts: something that happened outside FlowDesk. */

const EVENT_NAME_RE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

export const ExternalEventSchema = z
  .strictObject({
    /** Same shape the external-event trigger listens for, e.g. `order.shipped`. */
    name: z.string().max(100).regex(EVENT_NAME_RE, { error: 'value.event_name' }),
    payload: z.record(z.string(), z.unknown()).default({}),
    customer: CustomerIdentitySchema.optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ description: 'An event from another system, such as order.shipped.' });
export type ExternalEvent = z.infer<typeof ExternalEventSchema>;

export const EventAcceptedSchema = z.strictObject({ eventId: z.string(), executionIds: z.array(z.string()) });

import { z } from 'zod';
import { FlowDataSchema } from './flow-data.schema.ts';
import { MessageParamsSchema, WAIT_EVENTS } from './model-imports.ts';

/**
 * What the engine asks the runtime to do next. Plain data with a `seq` that
 * the answer must echo (Temporal's command/event pairing), so a late or
 * duplicated answer is recognised and refused.
 */

export const IsoInstantSchema = z.iso.datetime({ offset: true });

export const IncidentSchema = z.strictObject({
  nodeId: z.string(),
  /** A message catalog code; with `params` it is translated where it is shown, never stored as text. */
  code: z.string(),
  params: MessageParamsSchema,
  /** Whether trying again may help (a timeout) or a person must change something first. */
  retryable: z.boolean(),
  at: IsoInstantSchema,
});
export type Incident = z.infer<typeof IncidentSchema>;

export const ActivityCommandSchema = z.strictObject({
  kind: z.literal('activity'),
  seq: z.number().int().min(1),
  nodeId: z.string(),
  nodeType: z.string(),
  /** How many times the execution has entered this node; part of the idempotency key. */
  visit: z.number().int().min(1),
  /** The node's config as parsed by its catalog schema (defaults applied). */
  config: z.record(z.string(), z.unknown()),
  /** The data the activity works on (templates are rendered against it). */
  input: FlowDataSchema,
});
export type ActivityCommand = z.infer<typeof ActivityCommandSchema>;

export const WaitCommandSchema = z.strictObject({
  kind: z.literal('wait'),
  seq: z.number().int().min(1),
  nodeId: z.string(),
  /** Answer with timer_fired at or after this instant. */
  until: IsoInstantSchema.optional(),
  /** Answer with event_received when this happens… */
  event: z
    .strictObject({
      /** A "Wait for event" event, or `approval`: a person's decision on an "Ask for approval" step. */
      name: z.enum([...WAIT_EVENTS.values, 'approval']),
      statuses: z.array(z.string()).optional(),
    })
    .optional(),
  /** …or with wait_timed_out at or after this instant. */
  timeoutAt: IsoInstantSchema.optional(),
});
export type WaitCommand = z.infer<typeof WaitCommandSchema>;

export const FinishCommandSchema = z.strictObject({
  kind: z.literal('finish'),
  status: z.enum(['completed', 'failed', 'cancelled']),
  incident: IncidentSchema.optional(),
});
export type FinishCommand = z.infer<typeof FinishCommandSchema>;

/** A command the runtime answers later; finish needs no answer. */
export const PendingCommandSchema = z.discriminatedUnion('kind', [ActivityCommandSchema, WaitCommandSchema]);
export type PendingCommand = z.infer<typeof PendingCommandSchema>;

export const CommandSchema = z.discriminatedUnion('kind', [
  ActivityCommandSchema,
  WaitCommandSchema,
  FinishCommandSchema,
]);
export type Command = z.infer<typeof CommandSchema>;

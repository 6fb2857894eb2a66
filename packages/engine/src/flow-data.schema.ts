import { z } from 'zod';

/**
 * The data a running flow reads and writes, one object per source in
 * fields.ts. Plain JSON so the execution can be saved after every step.
 */
const SourceSchema = z.record(z.string(), z.unknown());
export type SourceData = z.infer<typeof SourceSchema>;

export const DATA_SOURCES = [
  'request',
  'customer',
  'ticket',
  'classification',
  'reply',
  'event',
  'survey',
  'approval',
  'schedule',
  'anomaly',
  'http',
  'variables',
] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export const FlowDataSchema = z.strictObject({
  request: SourceSchema.optional(),
  customer: SourceSchema.optional(),
  ticket: SourceSchema.optional(),
  classification: SourceSchema.optional(),
  reply: SourceSchema.optional(),
  event: SourceSchema.optional(),
  survey: SourceSchema.optional(),
  approval: SourceSchema.optional(),
  schedule: SourceSchema.optional(),
  anomaly: SourceSchema.optional(),
  http: SourceSchema.optional(),
  variables: SourceSchema.default({}),
});
export type FlowData = z.infer<typeof FlowDataSchema>;

/** What an activity, an event or a trigger adds: any sources, each merged field by field. */
export const DataPatchSchema = FlowDataSchema.partial();
export type DataPatch = z.infer<typeof DataPatchSchema>;

/** What started the execution: the request, ticket event, survey answer, schedule tick… */
export const TriggerEventSchema = z.strictObject({
  data: DataPatchSchema,
});
export type TriggerEvent = z.infer<typeof TriggerEventSchema>;

/**
 * Merges a patch into a copy of `data`. Sources merge shallowly, so an activity
 * that changes a ticket's status does not drop the ticket's number.
 */
export function mergeData(data: FlowData, patch: DataPatch): FlowData {
  const next: FlowData = { ...data };
  for (const source of DATA_SOURCES) {
    const part = patch[source];
    if (part === undefined) continue;
    next[source] = { ...(data[source] ?? {}), ...part };
  }
  return next;
}

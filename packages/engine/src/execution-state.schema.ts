import { z } from 'zod';
import { IncidentSchema, IsoInstantSchema, PendingCommandSchema } from './command.schema.ts';
import { FlowDataSchema } from './flow-data.schema.ts';

/**
 * Everything about one execution, as one plain JSON document: saved after every
 * advance, loaded by any process to continue it. The flow itself is not in it;
 * the execution is pinned to `flowId` + `version`.
 */
export const EXECUTION_STATUSES = ['running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const ExecutionStateSchema = z.strictObject({
  executionId: z.string().min(1),
  flowId: z.string().min(1),
  version: z.number().int().min(1),
  /** running: an activity is out; waiting: a timer or event is awaited; the rest are final. */
  status: z.enum(EXECUTION_STATUSES),
  data: FlowDataSchema,
  /** The node the execution is at, and which visit to it this is. */
  cursor: z.strictObject({ nodeId: z.string(), visit: z.number().int().min(1) }),
  /** The last command seq handed out. */
  seq: z.number().int().min(0),
  /** The last step seq recorded. */
  stepSeq: z.number().int().min(0),
  /** Times each node has been entered, by node id. */
  visits: z.record(z.string(), z.number().int().min(1)),
  /** The command awaiting its answer, and when it was issued (the step's start). */
  pending: z.strictObject({ command: PendingCommandSchema, issuedAt: IsoInstantSchema }).nullable(),
  incident: IncidentSchema.optional(),
  startedAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  finishedAt: IsoInstantSchema.optional(),
});
export type ExecutionState = z.infer<typeof ExecutionStateSchema>;

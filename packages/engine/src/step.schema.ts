import { z } from 'zod';
import { IsoInstantSchema } from './command.schema.ts';
import { MessageParamsSchema } from './model-imports.ts';

/**
 * One node executed: the trace the editor shows and the runtime stores with
 * the execution. An activity or wait spans two advances; its step is recorded
 * when it finishes, with `startedAt` from when it was issued.
 */
export const StepRecordSchema = z.strictObject({
  seq: z.number().int().min(1),
  nodeId: z.string(),
  nodeType: z.string(),
  visit: z.number().int().min(1),
  /** The fields the node read (or, for activities, the config it ran with). */
  input: z.record(z.string(), z.unknown()),
  /** What the node produced: data it set, the wait it planned, the branch it matched. */
  output: z.record(z.string(), z.unknown()),
  /** Absent when the node ended the execution (end, failure without an error port). */
  port: z.string().optional(),
  startedAt: IsoInstantSchema,
  finishedAt: IsoInstantSchema,
  error: z.strictObject({ code: z.string(), params: MessageParamsSchema, retryable: z.boolean() }).optional(),
});
export type StepRecord = z.infer<typeof StepRecordSchema>;

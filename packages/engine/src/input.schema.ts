import { z } from 'zod';
import { MessageParamsSchema } from './model-imports.ts';

/**
 * What the runtime feeds back: the answer to the pending command (echoing its
 * seq), or an operator's retry / cancel.
 */
const SeqSchema = z.number().int().min(1);

/** Checked again by the engine: a bad output is the activity's failure, not a rejected input. */
const OutputSchema = z.record(z.string(), z.unknown());

/** A code from a package's message catalog and its params; the text is written where it is read. */
export const ActivityErrorSchema = z.strictObject({
  code: z.string().min(1),
  params: MessageParamsSchema.default({}),
  retryable: z.boolean(),
});
export type ActivityError = z.infer<typeof ActivityErrorSchema>;

export const ActivityResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** The output port taken; `next` unless the node branches (auto-reply, classify). */
    port: z.string().min(1).optional(),
    /** Merged into the data, e.g. `{ ticket: {...} }` or `{ variables: {...} }`. */
    output: OutputSchema.default({}),
  }),
  z.strictObject({ ok: z.literal(false), error: ActivityErrorSchema }),
]);
export type ActivityResult = z.input<typeof ActivityResultSchema>;

export const InputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('activity_result'), seq: SeqSchema, result: ActivityResultSchema }),
  z.strictObject({ kind: z.literal('timer_fired'), seq: SeqSchema }),
  z.strictObject({
    kind: z.literal('event_received'),
    seq: SeqSchema,
    /** Becomes `event` in the data (kind, status, message, payload…). */
    event: z.record(z.string(), z.unknown()),
    /** Other data the event brings, e.g. `{ survey: { score: 2 } }` for a survey answer. */
    output: OutputSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('wait_timed_out'), seq: SeqSchema }),
  z.strictObject({ kind: z.literal('retry') }),
  z.strictObject({ kind: z.literal('cancel') }),
]);
export type Input = z.input<typeof InputSchema>;
export type ParsedInput = z.output<typeof InputSchema>;

import type { Job, JsonObject } from '@flowdesk/store';
import { z } from 'zod';

/**
 * The jobs the runtime itself enqueues, one schema per kind, parsed when a job
 * is claimed: the runner then works on checked data, and a payload that does
 * not fit is an operations problem reported with its job, not a crash later.
 * Desk jobs (ticket events, SLA, surveys) parse their own payloads.
 */
export const JOB_KINDS = {
  timer: 'execution.timer',
  waitTimeout: 'execution.wait_timeout',
  activity: 'execution.activity',
  approval: 'execution.approval',
  deliver: 'outbox.deliver',
} as const;

/** Which answer of which execution a timer, wait timeout or deferred activity is. */
export const ExecutionJobPayloadSchema = z.object({
  executionId: z.string().min(1),
  seq: z.number().int().min(0),
});
export type ExecutionJobPayload = z.infer<typeof ExecutionJobPayloadSchema>;

/** A person decided an approval request: its decision answers the execution's approval wait `seq`. */
export const ApprovalJobPayloadSchema = ExecutionJobPayloadSchema.extend({ approvalId: z.string().min(1) });
export type ApprovalJobPayload = z.infer<typeof ApprovalJobPayloadSchema>;

const JsonObjectSchema: z.ZodType<JsonObject> = z.record(z.string(), z.json());

export const OUTBOUND_CHANNELS = ['email', 'sms', 'webhook', 'in_app', 'wechat'] as const;

/** One message the outbox delivers. */
export const OutboundMessageSchema = z.object({
  channel: z.enum(OUTBOUND_CHANNELS),
  to: z.string(),
  subject: z.string().optional(),
  body: z.string(),
  /** Email only: an HTML part made by the server itself (a report), escaped where it was rendered. Without it the body's text is turned into HTML. */
  html: z.string().optional(),
  /** Email threading: the customer's Message-ID we answer and the thread's earlier ids. */
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).optional(),
  /** Extra JSON for webhooks: execution, node, ticket. */
  context: JsonObjectSchema.optional(),
});
export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;

export const RuntimeJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal(JOB_KINDS.timer), payload: ExecutionJobPayloadSchema }),
  z.object({ kind: z.literal(JOB_KINDS.waitTimeout), payload: ExecutionJobPayloadSchema }),
  z.object({ kind: z.literal(JOB_KINDS.activity), payload: ExecutionJobPayloadSchema }),
  z.object({ kind: z.literal(JOB_KINDS.approval), payload: ApprovalJobPayloadSchema }),
  z.object({ kind: z.literal(JOB_KINDS.deliver), payload: OutboundMessageSchema }),
]);
export type RuntimeJob = z.infer<typeof RuntimeJobSchema>;

const RUNTIME_JOB_KINDS: readonly string[] = Object.values(JOB_KINDS);

export function isRuntimeJobKind(kind: string): boolean {
  return RUNTIME_JOB_KINDS.includes(kind);
}

/** A claimed runtime job with its payload checked, or the first problem with it. */
export function parseRuntimeJob(job: Job): { ok: true; job: RuntimeJob } | { ok: false; problem: string } {
  const parsed = RuntimeJobSchema.safeParse({ kind: job.kind, payload: job.payload });
  if (parsed.success) return { ok: true, job: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}

import { z } from 'zod';
import type { RuntimeOptions } from '../boot/start-server.ts';
import { ConfigError } from './server-config.ts';

/** Runtime settings from the environment; like server-config.ts, the only other place env is read. */
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of 1, 0, true, false, on, off',
  })
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const RuntimeEnvSchema = z.object({
  FLOWDESK_WORKERS: flag.optional(),
  FLOWDESK_WEBHOOK_SECRET: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  FLOWDESK_ALLOW_PRIVATE_NETWORKS: flag.optional(),
  FLOWDESK_JOB_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).optional(),
  FLOWDESK_JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).optional(),
});

export function loadRuntimeOptions(env: Readonly<Record<string, string | undefined>>): RuntimeOptions {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = RuntimeEnvSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (issue) => `${String(issue.path[0])}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`,
      ),
    );
  }
  const values = result.data;
  return {
    workers: values.FLOWDESK_WORKERS ?? true,
    allowPrivateNetworks: values.FLOWDESK_ALLOW_PRIVATE_NETWORKS ?? false,
    ...(values.FLOWDESK_WEBHOOK_SECRET ? { webhookSecret: values.FLOWDESK_WEBHOOK_SECRET } : {}),
    ...(values.FLOWDESK_JOB_LEASE_MS ? { leaseMs: values.FLOWDESK_JOB_LEASE_MS } : {}),
    ...(values.FLOWDESK_JOB_POLL_MS ? { pollMs: values.FLOWDESK_JOB_POLL_MS } : {}),
  };
}

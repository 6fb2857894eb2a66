import { z } from 'zod';
import { resolvePublicUrl } from './public-url.ts';
import type { RuntimeOptions } from './runtime-options.ts';
import { ConfigError } from './server-config.ts';

/** Runtime settings from the environment; like server-config.ts, the only other place env is read. */
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of 1, 0, true, false, on, off',
  })
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const RuntimeEnvSchema = z.object({
  FLOWDESK_WORKERS: flag.optional(),
  FLOWDESK_DEMO: flag.optional(),
  FLOWDESK_WEBHOOK_SECRET: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  FLOWDESK_ALLOW_PRIVATE_NETWORKS: flag.optional(),
  FLOWDESK_JOB_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).optional(),
  FLOWDESK_JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).optional(),
  FLOWDESK_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  FLOWDESK_SMTP_FROM: z.string().min(3).max(320).optional(),
  FLOWDESK_SMS_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  FLOWDESK_SMS_TOKEN: z.string().min(1).max(4096).optional(),
  FLOWDESK_SMTP_LISTEN_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  FLOWDESK_SMTP_LISTEN_HOST: z.string().min(1).max(255).optional(),
  FLOWDESK_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .optional(),
});

export const DEFAULT_SMTP_FROM = 'FlowDesk <no-reply@localhost>';
export const DEFAULT_SMTP_LISTEN_HOST = '127.0.0.1';

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
    // An empty database gets the demo templates unless FLOWDESK_DEMO=0.
    demo: values.FLOWDESK_DEMO ?? true,
    ...(values.FLOWDESK_WEBHOOK_SECRET ? { webhookSecret: values.FLOWDESK_WEBHOOK_SECRET } : {}),
    ...(values.FLOWDESK_JOB_LEASE_MS ? { leaseMs: values.FLOWDESK_JOB_LEASE_MS } : {}),
    ...(values.FLOWDESK_JOB_POLL_MS ? { pollMs: values.FLOWDESK_JOB_POLL_MS } : {}),
    // Links in messages (surveys, progress pages) must work from the customer's device, not only here.
    publicUrl: resolvePublicUrl(values.FLOWDESK_PUBLIC_URL),
    ...(values.FLOWDESK_SMTP_URL
      ? { smtp: { url: values.FLOWDESK_SMTP_URL, from: values.FLOWDESK_SMTP_FROM ?? DEFAULT_SMTP_FROM } }
      : {}),
    // Inbound email stays off unless a port is given: the listener takes unauthenticated mail.
    ...(values.FLOWDESK_SMTP_LISTEN_PORT === undefined
      ? {}
      : {
          smtpListen: {
            port: values.FLOWDESK_SMTP_LISTEN_PORT,
            host: values.FLOWDESK_SMTP_LISTEN_HOST ?? DEFAULT_SMTP_LISTEN_HOST,
          },
        }),
    ...(values.FLOWDESK_SMS_URL
      ? {
          sms: {
            url: values.FLOWDESK_SMS_URL,
            ...(values.FLOWDESK_SMS_TOKEN ? { token: values.FLOWDESK_SMS_TOKEN } : {}),
          },
        }
      : {}),
  };
}

import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { type MetricsAccess, parseMetricsNetworks } from '../metrics/metrics-access.ts';
import { parseSecretKey, type SecretKey } from '../secrets/secret-key.ts';
import { parseTrustProxy } from './trust-proxy.ts';

/**
 * The only place that reads the environment. Everything else receives a
 * ServerConfig, so tests build one by hand and packages never see process.env.
 */

const SIZE_RE = /^(\d+)\s*(b|kb|mb)?$/i;
const UNIT_BYTES = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;

/** `256kb` → 262144; plain digits are bytes. */
export function parseByteSize(value: string): number | undefined {
  const match = SIZE_RE.exec(value.trim());
  if (!match) return undefined;
  const unit = (match[2]?.toLowerCase() ?? 'b') as keyof typeof UNIT_BYTES;
  return Number(match[1]) * UNIT_BYTES[unit];
}

const booleanText = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of 1, 0, true, false, yes, no, on, off',
  })
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** 32 bytes in base64 or hex; the message is in both languages because it stops the start. */
function secretKeyText(name: string) {
  return z.string().transform((value, ctx): SecretKey => {
    const key = parseSecretKey(value);
    if (key) return key;
    ctx.addIssue({
      code: 'custom',
      message: `须为 32 字节密钥的 base64 或十六进制形式 / must be a 32-byte key in base64 or hex (openssl rand -base64 32); ${name} is not one`,
    });
    return z.NEVER;
  });
}

const RETENTION_DAYS_MESSAGE =
  '须为 1 到 36500 之间的整数天数 / must be a whole number of days from 1 to 36500';

const EnvSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('0.0.0.0')),
  FLOWDESK_DB: z.preprocess(emptyAsUndefined, z.string().min(1).default('./data/flowdesk.sqlite')),
  MONGODB_URI: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, { error: 'must start with mongodb:// or mongodb+srv://' })
      .optional(),
  ),
  FLOWDESK_ADMIN_EMAIL: z.preprocess(emptyAsUndefined, z.email().optional()),
  FLOWDESK_ADMIN_PASSWORD: z.preprocess(
    emptyAsUndefined,
    z.string().min(12, { error: 'must be at least 12 characters' }).optional(),
  ),
  FLOWDESK_BODY_LIMIT: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('256kb')
      .transform((value, ctx) => {
        const bytes = parseByteSize(value);
        if (bytes === undefined || bytes < 1024 || bytes > 50 * 1024 * 1024) {
          ctx.addIssue({ code: 'custom', message: 'must be a size between 1kb and 50mb such as 256kb' });
          return z.NEVER;
        }
        return bytes;
      }),
  ),
  FLOWDESK_SECURE_COOKIES: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
    booleanText.optional(),
  ),
  FLOWDESK_SECRET_KEY: z.preprocess(emptyAsUndefined, secretKeyText('FLOWDESK_SECRET_KEY').optional()),
  FLOWDESK_SECRET_KEY_PREVIOUS: z.preprocess(
    emptyAsUndefined,
    secretKeyText('FLOWDESK_SECRET_KEY_PREVIOUS').optional(),
  ),
  FLOWDESK_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (parsed.ok) return parsed.proxies;
      ctx.addIssue({
        code: 'custom',
        message: `须为以逗号分隔的代理地址或 CIDR 网段 / must be a comma list of proxy addresses or CIDR ranges (not: ${parsed.bad.join(', ')})`,
      });
      return z.NEVER;
    }),
  FLOWDESK_METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .min(16, { error: '须至少 16 个字符 / must be at least 16 characters (openssl rand -hex 24)' })
      .regex(/^\S+$/, { error: '不能包含空白 / must not contain spaces' })
      .optional(),
  ),
  FLOWDESK_METRICS_NETWORKS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseMetricsNetworks(value);
      if (parsed.ok) return parsed.networks;
      ctx.addIssue({
        code: 'custom',
        message: `须为以逗号分隔的地址或 CIDR 网段，或 none / must be a comma list of addresses or CIDR ranges, or none (not: ${parsed.bad.join(', ')})`,
      });
      return z.NEVER;
    }),
  FLOWDESK_LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  ),
  FLOWDESK_AUDIT_RETENTION_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: RETENTION_DAYS_MESSAGE })
      .int({ error: RETENTION_DAYS_MESSAGE })
      .min(1, { error: RETENTION_DAYS_MESSAGE })
      .max(36_500, { error: RETENTION_DAYS_MESSAGE })
      .default(365),
  ),
  FLOWDESK_EXECUTION_RETENTION_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: RETENTION_DAYS_MESSAGE })
      .int({ error: RETENTION_DAYS_MESSAGE })
      .min(1, { error: RETENTION_DAYS_MESSAGE })
      .max(36_500, { error: RETENTION_DAYS_MESSAGE })
      .default(90),
  ),
});

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface ServerConfig {
  port: number;
  host: string;
  store: { kind: 'sqlite'; path: string } | { kind: 'mongo'; uri: string };
  admin: { email?: string; password?: string };
  bodyLimitBytes: number;
  /** Cookies get `Secure` when the server sits behind HTTPS. */
  secureCookies: boolean;
  logLevel: LogLevel;
  /** Audit log entries older than this many days are purged (FLOWDESK_AUDIT_RETENTION_DAYS). */
  auditRetentionDays: number;
  /** Step logs of finished executions and finished jobs older than this many days are pruned (FLOWDESK_EXECUTION_RETENTION_DAYS). */
  executionRetentionDays: number;
  /** Proxies whose X-Forwarded-* headers are believed (FLOWDESK_TRUST_PROXY); empty: none. */
  trustProxy: readonly string[];
  /** Who may read GET /metrics (FLOWDESK_METRICS_TOKEN, FLOWDESK_METRICS_NETWORKS; docs/operations.md). */
  metrics: MetricsAccess;
  /**
   * Seals stored secrets (docs/security.md). Without `key`, a SQLite database
   * gets a key file beside it; MongoDB needs the key. `previous` still opens
   * values sealed before a rotation.
   */
  secrets: { key?: SecretKey; previous?: SecretKey };
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `FlowDesk 配置有误 / Invalid FlowDesk configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads and checks the environment; throws a ConfigError naming every bad variable. */
/**
 * A relative database path is taken from where the command was started: npm
 * runs the server's start script inside apps/server but sets INIT_CWD to the
 * directory `npm start` was typed in, so the default lands in ./data there.
 */
export function sqlitePath(path: string, initCwd: string | undefined): string {
  if (path === ':memory:' || isAbsolute(path) || !initCwd) return path;
  return resolve(initCwd, path);
}

export function loadServerConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        // A key or password must not reach the terminal or the logs, even a malformed one.
        const shown = /SECRET|PASSWORD|TOKEN/.test(name) ? '(hidden)' : JSON.stringify(env[name] ?? '');
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  const values = result.data;
  if (values.FLOWDESK_ADMIN_PASSWORD && !values.FLOWDESK_ADMIN_EMAIL) {
    throw new ConfigError(['FLOWDESK_ADMIN_PASSWORD is set but FLOWDESK_ADMIN_EMAIL is not']);
  }
  return {
    port: values.PORT,
    host: values.HOST,
    store: values.MONGODB_URI
      ? { kind: 'mongo', uri: values.MONGODB_URI }
      : { kind: 'sqlite', path: sqlitePath(values.FLOWDESK_DB, env.INIT_CWD) },
    admin: {
      ...(values.FLOWDESK_ADMIN_EMAIL ? { email: values.FLOWDESK_ADMIN_EMAIL } : {}),
      ...(values.FLOWDESK_ADMIN_PASSWORD ? { password: values.FLOWDESK_ADMIN_PASSWORD } : {}),
    },
    bodyLimitBytes: values.FLOWDESK_BODY_LIMIT,
    secureCookies: values.FLOWDESK_SECURE_COOKIES ?? false,
    logLevel: values.FLOWDESK_LOG_LEVEL,
    auditRetentionDays: values.FLOWDESK_AUDIT_RETENTION_DAYS,
    executionRetentionDays: values.FLOWDESK_EXECUTION_RETENTION_DAYS,
    trustProxy: values.FLOWDESK_TRUST_PROXY,
    metrics: { token: values.FLOWDESK_METRICS_TOKEN ?? null, networks: values.FLOWDESK_METRICS_NETWORKS },
    secrets: {
      ...(values.FLOWDESK_SECRET_KEY ? { key: values.FLOWDESK_SECRET_KEY } : {}),
      ...(values.FLOWDESK_SECRET_KEY_PREVIOUS ? { previous: values.FLOWDESK_SECRET_KEY_PREVIOUS } : {}),
    },
  };
}

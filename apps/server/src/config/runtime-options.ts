/** What the runtime and the server are told beyond ServerConfig; read from the environment by runtime-config.ts. */
export interface RuntimeOptions {
  /** Run the job workers in this process (timers, deferred activities, outbox). */
  readonly workers: boolean;
  readonly webhookSecret?: string;
  /** Let flows call addresses on this machine or the private network (demos, tests). */
  readonly allowPrivateNetworks: boolean;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  /** Base of the links customers open (survey pages, progress pages). Default http://localhost:3000 (public-url.ts). */
  readonly publicUrl?: string;
  /** Email goes out through this SMTP server; without it email stays queued. */
  readonly smtp?: { readonly url: string; readonly from: string };
  /** SMS goes out through this HTTP gateway; without it SMS stays queued. */
  readonly sms?: { readonly url: string; readonly token?: string };
  /** Take inbound email over SMTP on this address (behind the real MX or a firewall: no auth). */
  readonly smtpListen?: { readonly host: string; readonly port: number };
  /**
   * Demo mode: serve the built-in demo order and parts services under /demo and,
   * when the database has no flows yet, apply and publish the demo templates.
   */
  readonly demo?: boolean;
  /** Audit log entries older than this many days are purged (ServerConfig.auditRetentionDays). */
  readonly auditRetentionDays?: number;
  /** Step logs and finished jobs older than this many days are pruned (ServerConfig.executionRetentionDays). */
  readonly executionRetentionDays?: number;
}

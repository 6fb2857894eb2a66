import type { Store } from '@flowdesk/store';
import type { Clock, Logger } from '../app-deps.ts';

/** Idempotency-Key answers, message de-duplication and step records are kept this long. */
export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The audit log's default retention (FLOWDESK_AUDIT_RETENTION_DAYS). */
export const AUDIT_RETENTION_DAYS = 365;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** The first sweep comes soon after start, once the server is busy with more urgent things. */
const FIRST_SWEEP_AFTER_MS = 60 * 1000;

export interface IdempotencyJanitorDeps {
  readonly store: Pick<Store, 'idempotency' | 'audit'>;
  readonly clock: Clock;
  readonly log: Logger;
  /** Default IDEMPOTENCY_RETENTION_MS. */
  readonly retentionMs?: number;
  /** Default AUDIT_RETENTION_DAYS. */
  readonly auditRetentionDays?: number;
}

/**
 * Forgets idempotency records older than the retention: intake keys, channel
 * message ids (email Message-ID, WeChat MsgId and nonces, call ids) and the
 * results of finished activity steps. A client repeating a key after a week
 * starts a new request, which is what the API documents. The same sweep drops
 * audit log entries past their retention (a year unless configured). Several
 * processes may sweep at once; deleting twice is harmless.
 */
export class IdempotencyJanitor {
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;

  private readonly retentionMs: number;
  private readonly auditRetentionDays: number;

  constructor(private readonly deps: IdempotencyJanitorDeps) {
    this.retentionMs = deps.retentionMs ?? IDEMPOTENCY_RETENTION_MS;
    this.auditRetentionDays = deps.auditRetentionDays ?? AUDIT_RETENTION_DAYS;
  }

  start(): void {
    if (this.timer) return;
    const sweep = () => void this.sweep().catch(() => undefined);
    this.first = setTimeout(sweep, FIRST_SWEEP_AFTER_MS);
    this.first.unref();
    this.timer = setInterval(sweep, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.first = undefined;
  }

  /** Deletes what is older than the retention; returns how many records went. */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now().getTime();
    const before = new Date(now - this.retentionMs).toISOString();
    const auditBefore = new Date(now - this.auditRetentionDays * DAY_MS).toISOString();
    try {
      const removed = await this.deps.store.idempotency.purgeBefore(before);
      if (removed > 0) this.deps.log.info('old idempotency records removed', { removed, before });
      const audits = await this.deps.store.audit.purgeBefore(auditBefore);
      if (audits > 0)
        this.deps.log.info('old audit log entries removed', { removed: audits, before: auditBefore });
      return removed + audits;
    } catch (error) {
      this.deps.log.warn('idempotency sweep failed, will try again', { reason: String(error) });
      throw error;
    }
  }
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID, type Logger } from '../../app-deps.ts';
import { readChannel } from '../channel-settings.ts';

/**
 * The customer's progress link: `/t/<ticket number>?token=<HMAC>`. The token is
 * an HMAC-SHA256 of the ticket number with a per-workspace secret kept in the
 * progress_page channel settings, so a link cannot be guessed from a ticket
 * number (numbers are sequential) and nothing per ticket needs storing.
 */

type Repos = Pick<Store, 'channelSettings' | 'transaction'>;

/** Tries to store a secret this many times (a concurrent whole-record write can drop it). */
const CREATE_ATTEMPTS = 3;

/**
 * The workspace's link secret, created (random 32 bytes) the first time it is
 * needed. Creating is read-and-write-if-absent inside one transaction, adding
 * only the secret to the record as stored at that moment, and the answer is
 * what is stored afterwards: processes starting together all end up with the
 * one secret that won, and an admin's concurrent change is not undone.
 */
export async function progressLinkSecret(
  store: Repos,
  now: Date,
  workspaceId = DEFAULT_WORKSPACE_ID,
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const current = await readChannel(store, 'progress_page', workspaceId);
    if (current.settings.linkSecret) return current.settings.linkSecret;
    if (attempt === CREATE_ATTEMPTS) throw new Error('the progress link secret could not be stored');
    await store.transaction(async (tx) => {
      const again = await readChannel(tx, 'progress_page', workspaceId);
      if (again.settings.linkSecret) return;
      await tx.channelSettings.put({
        workspaceId,
        channel: 'progress_page',
        enabled: again.enabled,
        settings: { ...again.settings, linkSecret: randomBytes(32).toString('base64url') },
        updatedAt: now.toISOString(),
      });
    });
  }
}

export function progressToken(secret: string, ticketNumber: string): string {
  return createHmac('sha256', secret).update(ticketNumber).digest('base64url');
}

/** Constant-time comparison, so the answer time says nothing about how much of a guess was right. */
export function progressTokenMatches(secret: string, ticketNumber: string, token: string): boolean {
  const expected = Buffer.from(progressToken(secret, ticketNumber));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function progressPath(secret: string, ticketNumber: string): string {
  return `/t/${encodeURIComponent(ticketNumber)}?token=${progressToken(secret, ticketNumber)}`;
}

/** How often a process re-reads the secret, so an admin's change (or a secret set by another process) reaches it. */
export const PROGRESS_SECRET_REFRESH_MS = 60_000;

/**
 * `ticket.link` in flow data is computed synchronously, so the secret is
 * loaded once up front and re-read every PROGRESS_SECRET_REFRESH_MS. Until it
 * is loaded (only a worker-only process that started a moment ago) the link
 * has no token and the page answers 404; a server awaits `loaded()` before it
 * takes requests. The page itself always checks against the stored secret.
 */
export class ProgressLinks {
  private secret: string | null = null;
  private loading: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repos: Repos,
    private readonly publicUrl: string,
    private readonly log?: Logger,
    private readonly refreshMs = PROGRESS_SECRET_REFRESH_MS,
  ) {}

  /** Starts loading (once) and resolves when the secret is known; from then on it is re-read periodically. */
  loaded(): Promise<this> {
    this.loading ??= progressLinkSecret(this.repos, new Date()).then(
      (secret) => {
        this.secret = secret;
        this.startRefreshing();
      },
      (error: unknown) => {
        this.loading = null;
        this.log?.error('progress link secret not loaded', { error: String(error) });
        throw error;
      },
    );
    return this.loading.then(() => this);
  }

  /** Re-reads the stored secret now (creating one if an admin cleared it); one read at a time. */
  refresh(): Promise<void> {
    this.refreshing ??= progressLinkSecret(this.repos, new Date())
      .then(
        (secret) => {
          this.secret = secret;
        },
        (error: unknown) => {
          // The last known secret stays in use; the next round tries again.
          this.log?.warn('progress link secret not reloaded', { error: String(error) });
        },
      )
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** Stops the periodic re-read (on shutdown, before the store closes). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private startRefreshing(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    // It must never be what keeps a finished process alive.
    this.timer.unref();
  }

  readonly link = (ticketNumber: string): string => {
    if (this.secret) return `${this.publicUrl}${progressPath(this.secret, ticketNumber)}`;
    return `${this.publicUrl}/t/${encodeURIComponent(ticketNumber)}`;
  };
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID, type Logger } from '../../app-ports.ts';
import { readChannel } from '../channel-settings.ts';

/**
 * The customer's progress link: `/t/<ticket number>?token=<issued>.<HMAC>`.
 * `issued` is the time the link was made (epoch milliseconds, base 36) and the
 * HMAC-SHA256 covers the ticket number and that time, with a per-workspace
 * secret kept in the progress_page channel settings. So a link cannot be
 * guessed from a ticket number (numbers are sequential), its age cannot be
 * altered, and nothing per link needs storing: a link expires
 * `linkValidDays` (default 90) after it was issued, and revoking a ticket's
 * links stores one time per ticket (links issued before it are refused).
 *
 * Links made before issue times existed (`token=<HMAC of the number>`) never
 * expired. Refusing them at once would cut off every customer with an open
 * ticket on the day of the upgrade, so they keep working until
 * `legacyLinksUntil`: 90 days after the first start of this version on a
 * workspace whose secret already existed (a workspace whose secret this
 * version creates has no such links and accepts none). After that, and after
 * any revocation of their ticket, they are refused like an expired link.
 */

type Repos = Pick<Store, 'channelSettings' | 'transaction'>;

export const DEFAULT_LINK_VALID_DAYS = 90;
/** How long links from before issue times keep working after the first start of this version. */
export const LEGACY_LINK_GRACE_DAYS = 90;
const DAY_MS = 86_400_000;
/** A link dated further ahead than this is refused; replicas' clocks differ by far less. */
const FUTURE_SKEW_MS = 5 * 60_000;

export interface ProgressLinkKeys {
  secret: string;
  /** ISO time until which links without an issue time are accepted. */
  legacyLinksUntil: string;
}

/** Tries to store a secret this many times (a concurrent whole-record write can drop it). */
const CREATE_ATTEMPTS = 3;

/**
 * The workspace's link secret, created (random 32 bytes) the first time it is
 * needed, and the end of the grace period of links without an issue time
 * (set once, see above). Creating is read-and-write-if-absent inside one
 * transaction, adding only these fields to the record as stored at that
 * moment, and the answer is what is stored afterwards: processes starting
 * together all end up with the one secret that won, and an admin's concurrent
 * change is not undone.
 */
export async function progressLinkKeys(
  store: Repos,
  now: Date,
  workspaceId = DEFAULT_WORKSPACE_ID,
): Promise<ProgressLinkKeys> {
  for (let attempt = 0; ; attempt++) {
    const { settings } = await readChannel(store, 'progress_page', workspaceId);
    if (settings.linkSecret && settings.legacyLinksUntil) {
      return { secret: settings.linkSecret, legacyLinksUntil: settings.legacyLinksUntil };
    }
    if (attempt === CREATE_ATTEMPTS) throw new Error('the progress link secret could not be stored');
    await store.transaction(async (tx) => {
      const again = await readChannel(tx, 'progress_page', workspaceId);
      if (again.settings.linkSecret && again.settings.legacyLinksUntil) return;
      // A secret that exists without the grace mark was made by a version whose links had no issue time.
      const legacyLinksUntil = again.settings.linkSecret
        ? new Date(now.getTime() + LEGACY_LINK_GRACE_DAYS * DAY_MS)
        : now;
      await tx.channelSettings.put({
        workspaceId,
        channel: 'progress_page',
        enabled: again.enabled,
        settings: {
          ...again.settings,
          linkSecret: again.settings.linkSecret ?? randomBytes(32).toString('base64url'),
          legacyLinksUntil: again.settings.legacyLinksUntil ?? legacyLinksUntil.toISOString(),
        },
        updatedAt: now.toISOString(),
      });
    });
  }
}

export async function progressLinkSecret(
  store: Repos,
  now: Date,
  workspaceId = DEFAULT_WORKSPACE_ID,
): Promise<string> {
  return (await progressLinkKeys(store, now, workspaceId)).secret;
}

function mac(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('base64url');
}

/** Constant-time comparison, so the answer time says nothing about how much of a guess was right. */
function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function progressToken(secret: string, ticketNumber: string, issuedAt: Date): string {
  const issued = issuedAt.getTime().toString(36);
  return `${issued}.${mac(secret, `${ticketNumber}\n${issued}`)}`;
}

export function progressPath(secret: string, ticketNumber: string, issuedAt: Date): string {
  return `/t/${encodeURIComponent(ticketNumber)}?token=${progressToken(secret, ticketNumber, issuedAt)}`;
}

/** What a token is worth: `issuedAt` null is a link from before issue times, still in its grace period. */
export type ProgressTokenCheck =
  | { status: 'valid'; issuedAt: Date | null }
  | { status: 'expired' }
  | { status: 'invalid' };

export interface ProgressTokenRules {
  now: Date;
  validDays: number;
  legacyLinksUntil: string;
}

/**
 * `invalid` for anything not signed with this secret for this ticket (the
 * page then answers like an unknown ticket), `expired` for a genuine link past
 * its time. The signature is checked before the time is believed.
 */
export function checkProgressToken(
  secret: string,
  ticketNumber: string,
  token: string,
  rules: ProgressTokenRules,
): ProgressTokenCheck {
  const now = rules.now.getTime();
  const dot = token.indexOf('.');
  if (dot < 0) {
    if (!sameText(token, mac(secret, ticketNumber))) return { status: 'invalid' };
    return now < Date.parse(rules.legacyLinksUntil)
      ? { status: 'valid', issuedAt: null }
      : { status: 'expired' };
  }
  const issued = token.slice(0, dot);
  if (!/^[0-9a-z]{1,11}$/.test(issued)) return { status: 'invalid' };
  if (!sameText(token.slice(dot + 1), mac(secret, `${ticketNumber}\n${issued}`)))
    return { status: 'invalid' };
  const issuedMs = Number.parseInt(issued, 36);
  if (issuedMs > now + FUTURE_SKEW_MS) return { status: 'invalid' };
  if (now - issuedMs >= rules.validDays * DAY_MS) return { status: 'expired' };
  return { status: 'valid', issuedAt: new Date(issuedMs) };
}

/** Whether the ticket's revocation covers this link: issued before it, or from before issue times. */
export function revokedLink(issuedAt: Date | null, revokedBefore: string | null | undefined): boolean {
  if (!revokedBefore) return false;
  return issuedAt === null || issuedAt.getTime() < Date.parse(revokedBefore);
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

  /** The link as of `issuedAt` (the step's time in flows): it expires linkValidDays later. */
  readonly link = (ticketNumber: string, issuedAt: Date): string => {
    if (this.secret) return `${this.publicUrl}${progressPath(this.secret, ticketNumber, issuedAt)}`;
    return `${this.publicUrl}/t/${encodeURIComponent(ticketNumber)}`;
  };
}

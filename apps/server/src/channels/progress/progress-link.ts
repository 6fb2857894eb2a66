import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoreRepositories } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID, type Logger } from '../../app-deps.ts';
import { readChannel } from '../channel-settings.ts';

/**
 * The customer's progress link: `/t/<ticket number>?token=<HMAC>`. The token is
 * an HMAC-SHA256 of the ticket number with a per-workspace secret kept in the
 * progress_page channel settings, so a link cannot be guessed from a ticket
 * number (numbers are sequential) and nothing per ticket needs storing.
 */

type Repos = Pick<StoreRepositories, 'channelSettings'>;

/** The workspace's link secret, created (random 32 bytes) and stored the first time it is needed. */
export async function progressLinkSecret(
  repos: Repos,
  now: Date,
  workspaceId = DEFAULT_WORKSPACE_ID,
): Promise<string> {
  const current = await readChannel(repos, 'progress_page', workspaceId);
  if (current.settings.linkSecret) return current.settings.linkSecret;
  await repos.channelSettings.put({
    workspaceId,
    channel: 'progress_page',
    enabled: current.enabled,
    settings: { ...current.settings, linkSecret: randomBytes(32).toString('base64url') },
    updatedAt: now.toISOString(),
  });
  // Read back: two processes starting together settle on whichever write landed last.
  const stored = await readChannel(repos, 'progress_page', workspaceId);
  if (!stored.settings.linkSecret) throw new Error('the progress link secret could not be stored');
  return stored.settings.linkSecret;
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

/**
 * `ticket.link` in flow data is computed synchronously, so the secret is
 * loaded once up front. Until it is loaded (only a worker-only process that
 * started a moment ago) the link has no token and the page answers 404;
 * a server awaits `loaded()` before it takes requests.
 */
export class ProgressLinks {
  private secret: string | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly repos: Repos,
    private readonly publicUrl: string,
    private readonly log?: Logger,
  ) {}

  /** Starts loading (once) and resolves when the secret is known. */
  loaded(): Promise<this> {
    this.loading ??= progressLinkSecret(this.repos, new Date()).then(
      (secret) => {
        this.secret = secret;
      },
      (error: unknown) => {
        this.loading = null;
        this.log?.error('progress link secret not loaded', { error: String(error) });
        throw error;
      },
    );
    return this.loading.then(() => this);
  }

  readonly link = (ticketNumber: string): string => {
    if (this.secret) return `${this.publicUrl}${progressPath(this.secret, ticketNumber)}`;
    return `${this.publicUrl}/t/${encodeURIComponent(ticketNumber)}`;
  };
}

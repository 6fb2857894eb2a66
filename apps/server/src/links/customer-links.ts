import type { Store } from '@flowdesk/store';
import type { Logger } from '../app-ports.ts';
import { ProgressLinks, progressLinkSecret, progressPath } from '../channels/progress/progress-link.ts';
import { resolvePublicUrl } from '../config/public-url.ts';
import type { Links } from './links.types.ts';

/**
 * The one Links of a process. The progress page's secret is loaded up front
 * and re-read every minute (ProgressLinks), so `close()` must run on
 * shutdown, before the store closes.
 */
export class CustomerLinks implements Links {
  readonly base: string;
  private readonly progress: ProgressLinks;

  constructor(
    private readonly store: Pick<Store, 'channelSettings' | 'transaction'>,
    /** FLOWDESK_PUBLIC_URL as configured; the default and the trailing slash are handled here once. */
    publicUrl: string | undefined,
    log?: Logger,
  ) {
    this.base = resolvePublicUrl(publicUrl);
    this.progress = new ProgressLinks(store, this.base, log);
  }

  /** Resolves once the progress secret is known; a server awaits this before it takes requests. */
  async loaded(): Promise<this> {
    await this.progress.loaded();
    return this;
  }

  readonly survey = (token: string): string => `${this.base}/s/${token}`;

  readonly ticket = (ticketNumber: string, issuedAt: Date): string =>
    this.progress.link(ticketNumber, issuedAt);

  async storedTicket(ticketNumber: string, issuedAt: Date): Promise<string> {
    const secret = await progressLinkSecret(this.store, issuedAt);
    return `${this.base}${progressPath(secret, ticketNumber, issuedAt)}`;
  }

  /** Stops re-reading the progress secret. */
  close(): void {
    this.progress.stop();
  }
}

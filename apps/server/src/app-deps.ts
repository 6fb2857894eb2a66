import type { Store } from '@flowdesk/store';
import type { Clock, IdSource, Logger } from './app-ports.ts';
import type { LoginRateLimiter } from './auth/login-rate-limit.ts';
import type { WidgetStreamHub } from './channels/widget/widget-stream-hub.ts';
import type { ServerConfig } from './config/server-config.ts';
import type { StoreRateLimits } from './http/store-rate-limits.ts';
import type { Links } from './links/links.types.ts';
import type { ServerMetrics } from './metrics/server-metrics.ts';
import type { ShadowRunJobs } from './runtime/shadow-run/shadow-run-jobs.ts';
import type { RuntimePort } from './runtime-port.ts';

export type { Clock, IdSource, Logger } from './app-ports.ts';
export { DEFAULT_WORKSPACE_ID, silentLogger } from './app-ports.ts';

/** What the caller (the wiring in boot/, tests) hands to createServices. */
export interface AppDeps {
  store: Store;
  config: ServerConfig;
  clock: Clock;
  ids: IdSource;
  runtime: RuntimePort;
  log?: Logger;
  /** Survey and progress-page links under the public URL: the same Links the runtime was given. */
  links: Links;
  /** An SMTP server takes outgoing mail (FLOWDESK_SMTP_URL): invitations are emailed too, not only shown. */
  outgoingEmail?: boolean;
  /** The process's metrics, shared with the runtime and the store's observer; a fresh registry when absent. */
  metrics?: ServerMetrics;
}

/**
 * AppDeps plus the long-lived pieces the routes share, built once by
 * createServices (boot/app-services.ts) and closed by whoever built them.
 */
export interface AppServices extends AppDeps {
  log: Logger;
  /** What GET /metrics serves (metrics/server-metrics.ts). */
  metrics: ServerMetrics;
  /** Rate limits counted in the store, shared by every replica on the database. */
  rateLimits: StoreRateLimits;
  loginLimiter: LoginRateLimiter;
  /** The widget's open event streams and their pollers. */
  widgetStreams: WidgetStreamHub;
  /** Shadow runs of drafts over past requests: started here, watched and cancelled from the store by any replica (issue 18). */
  shadowRuns: ShadowRunJobs;
  /**
   * Ends open event streams and stops their pollers, and marks this process's
   * shadow runs interrupted; await it before closing the store.
   */
  close(): Promise<void>;
}

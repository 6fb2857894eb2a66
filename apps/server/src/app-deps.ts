import type { Store } from '@flowdesk/store';
import { LoginRateLimiter } from './auth/login-rate-limit.ts';
import type { ServerConfig } from './config/server-config.ts';
import { StoreRateLimits } from './http/store-rate-limits.ts';
import type { RuntimePort } from './runtime-port.ts';

/** Time and ids come in from outside so tests can pin them. */
export interface Clock {
  now(): Date;
}

export interface IdSource {
  next(): string;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What the caller (serve command, tests) hands to createApp. */
export interface AppDeps {
  store: Store;
  config: ServerConfig;
  clock: Clock;
  ids: IdSource;
  runtime: RuntimePort;
  log?: Logger;
  /** The public address of a survey page for a token (from FLOWDESK_PUBLIC_URL); default `/s/<token>`. */
  surveyLink?: (token: string) => string;
  /** Where customers reach this server (FLOWDESK_PUBLIC_URL), for links made during a request; default http://localhost:3000. */
  publicUrl?: string;
}

/** AppDeps plus the pieces of state that live as long as one app. */
export interface AppServices extends AppDeps {
  log: Logger;
  /** Rate limits counted in the store, shared by every replica on the database. */
  rateLimits: StoreRateLimits;
  loginLimiter: LoginRateLimiter;
  /** What the app's routes started (event-stream pollers); run by the app's close(). */
  onClose: Array<() => void>;
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

export function createServices(deps: AppDeps): AppServices {
  const log = deps.log ?? silentLogger;
  const rateLimits = new StoreRateLimits(deps.store, log);
  return { ...deps, log, rateLimits, loginLimiter: new LoginRateLimiter(rateLimits), onClose: [] };
}

/** The one workspace until multi-tenancy arrives; stored already so adding more needs no migration. */
export const DEFAULT_WORKSPACE_ID = 'default';

import type { Store } from '@flowdesk/store';
import { LoginRateLimiter } from './auth/login-rate-limit.ts';
import type { ServerConfig } from './config/server-config.ts';
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
  loginLimiter: LoginRateLimiter;
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

export function createServices(deps: AppDeps): AppServices {
  return { ...deps, log: deps.log ?? silentLogger, loginLimiter: new LoginRateLimiter() };
}

/** The one workspace until multi-tenancy arrives; stored already so adding more needs no migration. */
export const DEFAULT_WORKSPACE_ID = 'default';

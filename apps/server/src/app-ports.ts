/**
 * What every part of the server takes from outside: time, ids and the log.
 * Kept apart from app-deps.ts (which names the services built from them) so
 * that a service can take a Logger without importing the list of services.
 */

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

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** The one workspace until multi-tenancy arrives; stored already so adding more needs no migration. */
export const DEFAULT_WORKSPACE_ID = 'default';

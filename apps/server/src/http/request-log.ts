import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../app-deps.ts';
import { pinoBehind, REDACTED } from '../logging/logger.ts';
import { requestIdOf } from './request-id.ts';

/**
 * One log line per answered request, by pino-http (maintained, and it shares
 * the server's pino instance, so redaction and level are the same): 5xx at
 * error, 429 at warn (someone is hitting a limit), other answers at info.
 * Probes (/healthz, /readyz, /metrics) are not logged: they come every few
 * seconds and say nothing.
 */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Query parameters that carry a capability (progress and widget links). */
const SECRET_QUERY = new Set(['token', 'key', 'secret', 'signature']);

/**
 * The URL as it may be stored: a survey link's path is its token (`/s/<token>`),
 * and `?token=` opens a ticket's progress page, so both are replaced.
 */
export function urlForLog(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://log.invalid');
  } catch {
    return REDACTED;
  }
  const path = parsed.pathname.replace(/^\/s\/[^/]+/, `/s/${REDACTED}`);
  const query = [...parsed.searchParams]
    .map(([key, value]) => {
      const shown = SECRET_QUERY.has(key.toLowerCase()) ? REDACTED : encodeURIComponent(value);
      return `${encodeURIComponent(key)}=${shown}`;
    })
    .join('&');
  return query ? `${path}?${query}` : path;
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

/** Express shortens `url` inside mounted routers (`/s/<token>` → `/<token>`); the log wants the whole one. */
function fullUrl(request: { url?: string | undefined; originalUrl?: string | undefined }): string {
  return urlForLog(request.originalUrl ?? request.url ?? '');
}

/** What a request line keeps: no query or route params (they repeat the URL's secrets), headers redacted by the logger. */
interface LoggedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: unknown;
  remoteAddress?: string;
}

/** The request log for `log`; nothing when `log` is not a pino-backed Logger (tests' recorders). */
export function requestLog(log: Logger): RequestHandler | undefined {
  const logger = pinoBehind(log);
  if (!logger) return undefined;
  return pinoHttp({
    logger,
    // The id requestId() chose (the caller's X-Request-Id when well-formed); it is also in the answer's header.
    genReqId: (request) => requestIdOf(request) ?? randomUUID(),
    autoLogging: { ignore: (request) => QUIET_PATHS.has(pathOf(request.url)) },
    customLogLevel: (_request, response, error) => {
      if (error || response.statusCode >= 500) return 'error';
      return response.statusCode === 429 ? 'warn' : 'info';
    },
    customSuccessMessage: (request, response) =>
      `${request.method} ${fullUrl(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${fullUrl(request)} ${response.statusCode}`,
    serializers: {
      req: (request: LoggedRequest) => ({
        id: request.id,
        method: request.method,
        url: urlForLog(request.url ?? ''),
        headers: request.headers,
        remoteAddress: request.remoteAddress,
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
  });
}

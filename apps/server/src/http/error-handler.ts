import { randomUUID } from 'node:crypto';
import { isStoreBusyError } from '@flowdesk/store';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../app-deps.ts';
import { recordErrorCode } from '../metrics/http-metrics.ts';
import { AppError, httpStatusOf, isAppError } from './app-error.ts';
import { errorBody } from './error-body.ts';
import { localeFromAcceptLanguage } from './locale.ts';
import { requestIdOf } from './request-id.ts';

/** Errors body-parser raises carry a `type`; we only trust that and the status. */
interface BodyParserError {
  type?: unknown;
  status?: unknown;
}

export function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} B`;
}

/** Sorts an unknown error into what the client must do; anything unexpected is ours and gets a reference. */
function classify(error: unknown, bodyLimitBytes: number, log: Logger, requestId?: string): AppError {
  if (isAppError(error)) return error;
  const parserError = (error ?? {}) as BodyParserError;
  switch (parserError.type) {
    case 'entity.too.large':
      return new AppError('payload_too_large', 'payload_too_large', {
        params: { limit: formatBytes(bodyLimitBytes) },
        pointer: '',
      });
    case 'entity.parse.failed':
      return new AppError('bad_request', 'malformed_json', { pointer: '' });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError('unsupported_media_type', 'unsupported_media_type');
  }
  // Another process held SQLite's write lock past the store's wait: the write that met it rolled
  // back, and the client retries (503 + Retry-After) as with any overloaded server; not a bug of ours.
  if (isStoreBusyError(error)) {
    log.warn('request refused: database busy', { ...(requestId ? { requestId } : {}) });
    return new AppError('unavailable', 'store_busy', { extra: { retryAfterSeconds: 1 } });
  }
  const ref = randomUUID().slice(0, 8);
  log.error('request failed', {
    ref,
    ...(requestId ? { requestId } : {}),
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return new AppError('internal', 'internal', { params: { ref } });
}

/**
 * The last middleware: every error becomes a JSON `{ error }` body with the
 * right status. Stack traces and internal messages stay in the log.
 */
export function errorHandler(options: { bodyLimitBytes: number; log: Logger }): ErrorRequestHandler {
  return (error, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const appError = classify(error, options.bodyLimitBytes, options.log, requestIdOf(request));
    // The metrics count an intake endpoint's refusals by this code (metrics/http-metrics.ts).
    recordErrorCode(response, appError.code);
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    const retryAfter = appError.extra.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(httpStatusOf(appError.kind)).json(errorBody(appError, locale));
  };
}

export const notFoundHandler: RequestHandler = (_request, _response, next) => {
  next(new AppError('not_found', 'not_found'));
};

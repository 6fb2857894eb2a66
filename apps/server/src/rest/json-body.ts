import express, { type RequestHandler } from 'express';
import { AppError } from '../http/app-error.ts';

/**
 * JSON bodies only, up to the configured limit. A body with another content type
 * is a 415 rather than silently parsed as nothing.
 */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (request, _response, next) => {
    const hasBody =
      request.get('content-length') !== undefined || request.get('transfer-encoding') !== undefined;
    if (hasBody && Number(request.get('content-length') ?? '1') > 0 && !request.is('application/json')) {
      next(new AppError('unsupported_media_type', 'unsupported_media_type'));
      return;
    }
    next();
  };
  return [requireJson, express.json({ limit: limitBytes, strict: true, type: 'application/json' })];
}

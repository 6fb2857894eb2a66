import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * Every request gets an id, echoed in the `X-Request-Id` answer header and
 * written on its log line (pino-http reads `request.id`), so a support ticket
 * quoting the header finds the log line. A proxy's or client's own
 * `X-Request-Id` is kept when it is well-formed (up to 128 letters, digits and
 * `._:-`); anything else could inject text into logs and is replaced by a UUID.
 */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const REQUEST_ID_HEADER = 'X-Request-Id';

export function isWellFormedRequestId(value: string | undefined): value is string {
  return value !== undefined && WELL_FORMED.test(value);
}

/** The id `requestId()` gave this request, if it went through it. */
export function requestIdOf(request: IncomingMessage): string | undefined {
  const id = (request as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

export function requestId(): RequestHandler {
  return (request, response, next) => {
    const given = request.get(REQUEST_ID_HEADER);
    const id = isWellFormedRequestId(given) ? given : randomUUID();
    (request as { id?: string }).id = id;
    response.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}

import type { RequestHandler } from 'express';
import type { z } from 'zod';

/**
 * A REST route is its handlers plus its documentation, declared together so the
 * OpenAPI document is generated from exactly what is mounted.
 */

export interface ResponseDoc {
  description: string;
  /** Omitted for the standard error body. */
  schema?: z.ZodType;
  /** A response that is not JSON (XML, HTML, text/event-stream, JavaScript). */
  mediaType?: string;
  headers?: Record<string, { description: string; schema: { type: 'string' | 'integer' } }>;
}

export interface OperationDoc {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Needs an API key (Bearer or X-API-Key). */
  auth: boolean;
  /** Honours the Idempotency-Key header. */
  idempotent?: boolean;
  requestBody?: z.ZodType;
  /** A body that is not JSON (raw MIME mail, WeChat XML), documented by media type. */
  rawRequestBody?: { mediaType: string; description: string };
  /** Query-string parameters (signature checks, tokens). */
  query?: { name: string; description: string; required?: boolean }[];
  /** Path parameters, e.g. `{ name: 'id' }` for `/conversations/:id`. */
  pathParams?: { name: string; description: string }[];
  responses: Record<number, ResponseDoc>;
}

export interface RestRoute {
  method: 'get' | 'post';
  /** Full path from the server root, e.g. `/api/v1/requests`. */
  path: string;
  doc: OperationDoc;
  handlers: RequestHandler[];
  /** A customer request enters here, on this channel: the metrics count the endpoint's refusals. */
  intakeChannel?: string;
}

/** Answers every route declares the same way. */
export const COMMON_ERRORS = {
  400: { description: 'Malformed JSON, a wrong type or an unknown field; `pointer` names the field.' },
  401: { description: 'Missing, invalid or revoked API key.' },
  403: { description: 'The API key’s role may not call this.' },
  413: { description: 'The body is over the size limit (FLOWDESK_BODY_LIMIT, default 256 KB).' },
  415: { description: 'The body is not JSON.' },
} as const satisfies Record<number, ResponseDoc>;

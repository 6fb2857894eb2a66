import type { LocalizedText } from '@flowdesk/model';
import { type HttpMessageCode, httpMessage } from '../messages/http.messages.ts';

/**
 * An error the caller can act on, with its words in every language. REST turns
 * it into a status code and an `{ error }` body, tRPC into a TRPCError; both read
 * the same fields so the two surfaces say the same thing.
 */
export type AppErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  /** Well-formed, but its content cannot be processed (a test run whose template hits a limit). */
  | 'unprocessable'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unavailable'
  | 'internal';

/** One precise thing wrong, pointing at the field (RFC 6901 JSON pointer). */
export interface ErrorDetail {
  pointer: string;
  code: string;
  messages: LocalizedText;
  nodeId?: string;
  edgeId?: string;
  severity?: 'error' | 'warning';
}

export interface AppErrorOptions {
  params?: Record<string, string | number | undefined>;
  pointer?: string;
  details?: ErrorDetail[];
  /** Extra machine-readable facts (who changed a draft, when to retry…). */
  extra?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly code: HttpMessageCode;
  readonly messages: LocalizedText;
  readonly pointer: string | undefined;
  readonly details: ErrorDetail[];
  readonly extra: Record<string, unknown>;

  constructor(kind: AppErrorKind, code: HttpMessageCode, options: AppErrorOptions = {}) {
    const messages = httpMessage(code, options.params);
    super(messages.en, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.messages = messages;
    this.pointer = options.pointer;
    this.details = options.details ?? [];
    this.extra = options.extra ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function httpStatusOf(kind: AppErrorKind): number {
  switch (kind) {
    case 'bad_request':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'precondition_failed':
      return 412;
    case 'unprocessable':
      return 422;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'too_many_requests':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

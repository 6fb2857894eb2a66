import { TRPCError } from '@trpc/server';
import { AppError, type AppErrorKind } from '../http/app-error.ts';

type TrpcCode = TRPCError['code'];

export function trpcCodeOf(kind: AppErrorKind): TrpcCode {
  switch (kind) {
    case 'bad_request':
      return 'BAD_REQUEST';
    case 'unauthenticated':
      return 'UNAUTHORIZED';
    case 'forbidden':
      return 'FORBIDDEN';
    case 'not_found':
      return 'NOT_FOUND';
    case 'conflict':
      return 'CONFLICT';
    case 'precondition_failed':
      return 'PRECONDITION_FAILED';
    case 'unprocessable':
      return 'UNPROCESSABLE_CONTENT';
    case 'payload_too_large':
      return 'PAYLOAD_TOO_LARGE';
    case 'unsupported_media_type':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'too_many_requests':
      return 'TOO_MANY_REQUESTS';
    case 'unavailable':
      return 'SERVICE_UNAVAILABLE';
    case 'internal':
      return 'INTERNAL_SERVER_ERROR';
  }
}

/** The TRPCError for an AppError; the AppError stays as cause so the formatter can translate it. */
export function toTrpcError(error: AppError): TRPCError {
  return new TRPCError({ code: trpcCodeOf(error.kind), message: error.message, cause: error });
}

/** The AppError behind a TRPCError, if there is one (thrown by a resolver or by the policy). */
export function appErrorOf(error: TRPCError): AppError | undefined {
  return error.cause instanceof AppError ? error.cause : undefined;
}

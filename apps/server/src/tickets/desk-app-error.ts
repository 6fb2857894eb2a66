import { type DeskError, type DeskResult, deskErrorStatus } from '@flowdesk/desk';
import { AppError } from '../http/app-error.ts';

/**
 * A desk refusal as the HTTP surfaces answer it: unknown id → 404, a
 * transition the lifecycle forbids → 409 with `from`, `to` and `allowed`, bad
 * values (a missing or too long solution) → 400 pointing at the field. The
 * desk's own bilingual message becomes the error's message.
 */
export function deskAppError(error: DeskError): AppError {
  const params = { zh: error.message['zh-CN'], en: error.message.en };
  const status = deskErrorStatus(error);
  switch (error.code) {
    case 'desk.not_found':
      return new AppError('not_found', 'desk_not_found', {
        params,
        extra: { reason: error.code, what: error.what, id: error.id },
      });
    case 'desk.invalid_transition':
      return new AppError('conflict', 'invalid_transition', {
        params,
        extra: { reason: error.code, from: error.from, to: error.to, allowed: error.allowed },
      });
    case 'desk.already_claimed':
    case 'desk.not_claimed':
      return new AppError('conflict', 'ticket_claim_conflict', {
        params,
        extra: { reason: error.code, id: error.id },
      });
    case 'desk.solution_required':
    case 'desk.solution_too_long':
      return new AppError('bad_request', 'desk_invalid', {
        params,
        pointer: '/solution',
        details: [{ pointer: '/solution', code: error.code, messages: error.message }],
        extra: { reason: error.code, status },
      });
    case 'desk.customer_unknown':
      return new AppError('bad_request', 'desk_invalid', {
        params,
        pointer: '',
        extra: { reason: error.code },
      });
    case 'desk.no_contact':
      return new AppError('precondition_failed', 'desk_invalid', {
        params,
        pointer: '',
        extra: { reason: error.code, channel: error.channel },
      });
    default: {
      const unknown: never = error;
      throw new Error(`unknown desk error ${JSON.stringify(unknown)}`);
    }
  }
}

/** The value of a desk result, or its refusal thrown as an AppError. */
export function valueOrThrow<T>(result: DeskResult<T>): T {
  if (!result.ok) throw deskAppError(result.error);
  return result.value;
}

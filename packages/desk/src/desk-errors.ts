import { type LocalizedText, TICKET_STATUSES, type TicketStatus, text } from '@flowdesk/model';

/**
 * Errors a desk operation returns instead of throwing, so the API can turn
 * them into status codes (not_found → 404, invalid_transition → 409, invalid →
 * 422) and flows into an error port. Each carries a message in both languages.
 */
export type DeskError =
  | {
      code: 'desk.not_found';
      what: 'ticket' | 'customer' | 'team' | 'agent';
      id: string;
      message: LocalizedText;
    }
  | {
      code: 'desk.invalid_transition';
      from: TicketStatus;
      to: TicketStatus;
      allowed: TicketStatus[];
      message: LocalizedText;
    }
  | { code: 'desk.solution_required'; message: LocalizedText }
  | { code: 'desk.solution_too_long'; limit: number; message: LocalizedText }
  | { code: 'desk.customer_unknown'; message: LocalizedText };

export type DeskResult<T> = { ok: true; value: T } | { ok: false; error: DeskError };

export const ok = <T>(value: T): DeskResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: DeskError): DeskResult<T> => ({ ok: false, error });

const WHAT = {
  ticket: text('工单', 'Ticket'),
  customer: text('客户', 'Customer'),
  team: text('团队', 'Team'),
  agent: text('坐席', 'Agent'),
};

export function notFound(what: keyof typeof WHAT, id: string): DeskError {
  return {
    code: 'desk.not_found',
    what,
    id,
    message: text(`${WHAT[what]['zh-CN']} ${id} 不存在`, `${WHAT[what].en} ${id} does not exist`),
  };
}

function statusList(statuses: readonly TicketStatus[], locale: 'zh-CN' | 'en'): string {
  if (statuses.length === 0) return locale === 'zh-CN' ? '无' : 'none';
  return statuses
    .map((status) => TICKET_STATUSES.labels[status][locale])
    .join(locale === 'zh-CN' ? '、' : ', ');
}

export function invalidTransition(from: TicketStatus, to: TicketStatus, allowed: TicketStatus[]): DeskError {
  const fromLabel = TICKET_STATUSES.labels[from];
  const toLabel = TICKET_STATUSES.labels[to];
  return {
    code: 'desk.invalid_transition',
    from,
    to,
    allowed,
    message: text(
      `工单状态不能从“${fromLabel['zh-CN']}”改为“${toLabel['zh-CN']}”；可以改为：${statusList(allowed, 'zh-CN')}`,
      `A ticket cannot go from "${fromLabel.en}" to "${toLabel.en}"; it can go to: ${statusList(allowed, 'en')}`,
    ),
  };
}

export function solutionRequired(): DeskError {
  return {
    code: 'desk.solution_required',
    message: text('解决工单时必须填写解决方案摘要', 'Resolving a ticket needs a solution summary'),
  };
}

export function solutionTooLong(limit: number): DeskError {
  return {
    code: 'desk.solution_too_long',
    limit,
    message: text(
      `解决方案摘要最多 ${limit} 个字符`,
      `The solution summary must be at most ${limit} characters`,
    ),
  };
}

export function customerUnknown(): DeskError {
  return {
    code: 'desk.customer_unknown',
    message: text(
      '请求中没有可识别客户的手机号、邮箱或渠道账号',
      'The request has no phone, email or channel account to identify the customer by',
    ),
  };
}

/** The HTTP status an API answers a desk error with. */
export function deskErrorStatus(error: DeskError): 404 | 409 | 422 {
  switch (error.code) {
    case 'desk.not_found':
      return 404;
    case 'desk.invalid_transition':
      return 409;
    case 'desk.solution_required':
    case 'desk.solution_too_long':
    case 'desk.customer_unknown':
      return 422;
    default: {
      const unknown: never = error;
      throw new Error(`unknown desk error ${JSON.stringify(unknown)}`);
    }
  }
}

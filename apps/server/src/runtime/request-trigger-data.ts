import { detectLocale } from '@flowdesk/desk';
import { isLocale, type Locale } from '@flowdesk/model';

/**
 * How a request becomes the trigger's `request` data: what it says, its id and
 * arrival time, and the language it is in. Channels that do not say (email,
 * WeChat, voice) get the language the message reads as. Intake and both test
 * runs (one flow, all live flows) call this, so a sample is seen by a flow
 * exactly as the same request arriving live would be.
 */
// Type aliases, not interfaces: the result must stay assignable to plain records (trigger data).
export type RequestArrival = { readonly id: string; readonly receivedAt: string };

type RequestLike = { readonly subject?: unknown; readonly message?: unknown; readonly customer?: unknown };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function requestTriggerData<R extends RequestLike>(
  request: R,
  arrival: RequestArrival,
): R & RequestArrival & { locale?: Locale } {
  const said = (request.customer as { locale?: unknown } | undefined)?.locale;
  const locale = isLocale(said)
    ? said
    : detectLocale([text(request.subject), text(request.message)].join('\n'));
  return { ...request, id: arrival.id, receivedAt: arrival.receivedAt, ...(locale ? { locale } : {}) };
}

import type { Locale } from '@flowdesk/model';
import type { CustomerIdentity } from '@flowdesk/store';

/**
 * Identities are compared after normalising, so `+86 138-1234-5678` and
 * `13812345678` find the same customer, and `Wang@Example.cn` the same as
 * `wang@example.cn`.
 */
export function normalisePhone(raw: string): string {
  let digits = raw.trim().replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (raw.trim().startsWith('+86') || /^861\d{10}$/.test(digits)) digits = digits.slice(2);
  return digits;
}

export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export type IdentifyBy = 'phone' | 'email' | 'channel_id';

/** What a request or event tells about who sent it. */
export interface ContactDetails {
  name?: string;
  phone?: string;
  email?: string;
  /** The customer's id on `channel` (WeChat OpenID, chat visitor id). */
  channelId?: string;
  channel?: string;
  /** The language they wrote in: what the request said, else what their message reads as. */
  locale?: Locale;
}

/** The identities to look up, in the order of `by`; empty or unusable values are skipped. */
export function identitiesOf(contact: ContactDetails, by: readonly IdentifyBy[]): CustomerIdentity[] {
  const identities: CustomerIdentity[] = [];
  for (const kind of by) {
    switch (kind) {
      case 'phone': {
        const phone = contact.phone ? normalisePhone(contact.phone) : '';
        if (phone.length >= 3) identities.push({ kind: 'phone', value: phone });
        break;
      }
      case 'email': {
        const email = contact.email ? normaliseEmail(contact.email) : '';
        if (email.includes('@')) identities.push({ kind: 'email', value: email });
        break;
      }
      case 'channel_id': {
        const value = contact.channelId?.trim() ?? '';
        if (value && contact.channel) identities.push({ kind: `channel:${contact.channel}`, value });
        break;
      }
      default: {
        const unknown: never = kind;
        throw new Error(`unknown identity kind ${String(unknown)}`);
      }
    }
  }
  return identities;
}

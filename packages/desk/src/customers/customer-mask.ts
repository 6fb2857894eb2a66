import { maskText } from '@flowdesk/engine';
import type { CustomerLocale, CustomerProfile, UserRole } from '@flowdesk/store';
import { primaryIdentity } from './customer-service.ts';

/**
 * Roles that see customer contacts whole in every answer: none. Contacts are
 * masked for every role by default; an allowed role reveals one ticket's
 * contact through an audited action (the server's tickets.revealContact).
 */
export const ROLES_SEEING_PERSONAL_DATA: readonly UserRole[] = [];

export interface CustomerView {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  /** `channel:wechat` → the account id on that channel. */
  channelIds: Record<string, string>;
  tags: string[];
  vipLevel: number;
  requestCount: number;
  complaintCount: number;
  lastContactAt: string | null;
  /** The language they write in, so an agent answers in it; null while unknown. */
  locale: CustomerLocale | null;
  createdAt: string;
  /** True when phone, email and channel ids show only their last four characters. */
  masked: boolean;
}

/**
 * The profile as a person in `role` may see it: phone, email and channel
 * accounts are masked to their last four characters for roles that do not
 * need them (flow editors, viewers).
 */
export function maskCustomer(
  profile: CustomerProfile,
  role: UserRole,
  seeing: readonly UserRole[] = ROLES_SEEING_PERSONAL_DATA,
): CustomerView {
  const masked = !seeing.includes(role);
  const show = (value: string | null) => (value === null || !masked ? value : maskText(value));
  const channelIds: Record<string, string> = {};
  for (const identity of profile.identities) {
    if (identity.kind.startsWith('channel:')) channelIds[identity.kind] = show(identity.value) ?? '';
  }
  return {
    id: profile.id,
    name: profile.name,
    phone: show(primaryIdentity(profile, 'phone')),
    email: show(primaryIdentity(profile, 'email')),
    channelIds,
    tags: profile.tags,
    vipLevel: profile.vipLevel,
    requestCount: profile.requestCount,
    complaintCount: profile.complaintCount,
    lastContactAt: profile.lastContactAt,
    locale: profile.locale,
    createdAt: profile.createdAt,
    masked,
  };
}

import type { Priority } from '@flowdesk/model';
import type { SlaPolicy } from '@flowdesk/store';

export const DEFAULT_WARN_AT_SHARE = 0.8;

export interface SlaSubject {
  priority: Priority;
  category: string | null;
  vipLevel: number;
}

/** A policy for `after-sale` also covers `after-sale/returns`: categories form a tree. */
function categoryMatches(policyCategory: string, category: string | null): boolean {
  if (category === null) return false;
  return category === policyCategory || category.startsWith(`${policyCategory}/`);
}

export function policyMatches(policy: SlaPolicy, subject: SlaSubject): boolean {
  const { priorities, categories, minVipLevel } = policy.match;
  if (priorities && priorities.length > 0 && !priorities.includes(subject.priority)) return false;
  if (categories && categories.length > 0 && !categories.some((c) => categoryMatches(c, subject.category))) {
    return false;
  }
  if (minVipLevel !== undefined && subject.vipLevel < minVipLevel) return false;
  return true;
}

/** The first policy by `order` whose criteria all hold; null when none does. */
export function pickSlaPolicy(policies: readonly SlaPolicy[], subject: SlaSubject): SlaPolicy | null {
  const ordered = [...policies].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  return ordered.find((policy) => policyMatches(policy, subject)) ?? null;
}

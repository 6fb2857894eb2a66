import { normaliseEmail, normalisePhone } from '@flowdesk/desk';
import type { CustomerIdentity, CustomerProfile, Store } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-deps.ts';

/** The identities a query names whole: a phone by its normalised digits, an email, or any account id as typed. */
function wholeContacts(query: string): CustomerIdentity[] {
  const text = query.trim();
  const identities: CustomerIdentity[] = [];
  const phone = /^[\d\s+\-().]+$/.test(text) ? normalisePhone(text) : '';
  if (phone.length >= 5) identities.push({ kind: 'phone', value: phone });
  if (text.includes('@')) identities.push({ kind: 'email', value: normaliseEmail(text) });
  return identities;
}

/**
 * Customers whose name contains `query`, or with a contact (phone, email,
 * channel account) equal to it whole. Every answer shows contacts masked
 * (`*******5678`), so matching part of one would let a searcher rebuild it a
 * character at a time; a whole contact only confirms what the searcher
 * already knows. Phones compare by their normalised digits (`139 1234 5678`
 * finds `13912345678`), emails without case.
 */
export async function findCustomersByNameOrWholeContact(
  store: Store,
  query: string,
  limit: number,
): Promise<CustomerProfile[]> {
  const needle = query.trim().toLowerCase();
  const exact = await Promise.all(
    wholeContacts(query).map((identity) => store.customers.findByIdentity(DEFAULT_WORKSPACE_ID, identity)),
  );
  const candidates = await store.customers.search(DEFAULT_WORKSPACE_ID, query.trim(), limit);
  const matching = candidates.filter(
    (profile) =>
      (profile.name ?? '').toLowerCase().includes(needle) ||
      profile.identities.some((identity) => identity.value.trim().toLowerCase() === needle),
  );
  const found = new Map<string, CustomerProfile>();
  for (const profile of [...exact, ...matching])
    if (profile && !found.has(profile.id)) found.set(profile.id, profile);
  return [...found.values()].slice(0, limit);
}

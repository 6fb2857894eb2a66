import type { CustomerIdentity, CustomerProfile } from '@flowdesk/store';
import { type DeskScope, nowIso, workspaceOf } from '../desk-deps.ts';
import { customerUnknown, type DeskResult, fail, ok } from '../desk-errors.ts';
import { type ContactDetails, type IdentifyBy, identitiesOf } from './customer-identity.ts';

export interface IdentifyOptions {
  by?: readonly IdentifyBy[];
  createIfMissing?: boolean;
  /** Count this contact as a request (default true). */
  countRequest?: boolean;
}

export interface IdentifiedCustomer {
  profile: CustomerProfile;
  isNew: boolean;
  /** Profiles folded into this one because the request carried identities of both. */
  mergedFrom: string[];
}

const ALL_KINDS: readonly IdentifyBy[] = ['phone', 'email', 'channel_id'];

async function findProfiles(
  scope: DeskScope,
  identities: readonly CustomerIdentity[],
): Promise<CustomerProfile[]> {
  const found = new Map<string, CustomerProfile>();
  for (const identity of identities) {
    const profile = await scope.tx.customers.findByIdentity(workspaceOf(scope.deps), identity);
    if (profile && !found.has(profile.id)) found.set(profile.id, profile);
  }
  return [...found.values()];
}

/**
 * Finds the customer behind a request by phone, email or channel account (in
 * the order of `by`; the first match wins), creating a profile on first contact.
 * When the request carries identities that belong to different profiles, they
 * are the same person: the others are merged into the first, with their
 * tickets. New identities are added, the language they wrote in replaces the
 * stored one, and the contact is counted.
 * `value` is null when nobody matches and createIfMissing is false.
 */
export async function identifyCustomer(
  scope: DeskScope,
  contact: ContactDetails,
  options: IdentifyOptions = {},
): Promise<DeskResult<IdentifiedCustomer | null>> {
  const { tx, deps } = scope;
  const identities = identitiesOf(contact, options.by ?? ALL_KINDS);
  if (identities.length === 0) return fail(customerUnknown());
  const now = nowIso(deps);
  const profiles = await findProfiles(scope, identities);
  const [primary, ...others] = profiles;
  let profile: CustomerProfile;
  let isNew = false;
  if (!primary) {
    if (options.createIfMissing === false) return ok(null);
    profile = await tx.customers.create({
      id: deps.ids.next(),
      workspaceId: workspaceOf(deps),
      name: contact.name?.trim() || null,
      locale: contact.locale ?? null,
      identities,
      now,
    });
    isNew = true;
  } else {
    for (const other of others) {
      await tx.customers.merge(primary.id, other.id, now);
      await tx.tickets.moveCustomer(other.id, primary.id);
    }
    for (const identity of identities) await tx.customers.addIdentity(primary.id, identity, now);
    if (!primary.name && contact.name?.trim()) {
      await tx.customers.update(primary.id, { name: contact.name.trim() }, now);
    }
    // The latest language wins: people switch, and flows without a request use the profile's.
    if (contact.locale && contact.locale !== primary.locale) {
      await tx.customers.update(primary.id, { locale: contact.locale }, now);
    }
    profile = primary;
  }
  const counted =
    options.countRequest === false
      ? await tx.customers.get(profile.id)
      : await tx.customers.recordContact(profile.id, { requests: 1, at: now });
  return ok({ profile: counted ?? profile, isNew, mergedFrom: others.map((other) => other.id) });
}

/** The first identity of a kind: the contact shown on the profile. */
export function primaryIdentity(profile: CustomerProfile, kind: 'phone' | 'email'): string | null {
  return profile.identities.find((identity) => identity.kind === kind)?.value ?? null;
}

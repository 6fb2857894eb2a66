import { customerData, identitiesOf } from '@flowdesk/desk';
import type { JsonObject, StoreRepositories } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import type { CustomerIdentity, IntakeRequest } from '../rest/intake.schema.ts';
import { customerFacts } from './customer-facts.ts';

/**
 * The customer an external event names, as flows see it: their profile when one
 * matches (so messages go out in the language kept on it, and `customer.vipLevel`
 * and the like can be used), with what the event itself says taking precedence.
 * An event for someone we have never seen gets just what it says.
 */
export async function eventCustomer(store: StoreRepositories, given: CustomerIdentity): Promise<JsonObject> {
  // A channel account cannot be looked up: the event does not say which channel it is on.
  for (const identity of identitiesOf(given, ['phone', 'email'])) {
    const profile = await store.customers.findByIdentity(DEFAULT_WORKSPACE_ID, identity);
    if (profile) return customerFacts(customerData(profile, false), given, 'event');
  }
  return customerFacts(undefined, given, 'event');
}

/**
 * The customer a request comes from, for trigger entry conditions (VIP level,
 * tags): their stored profile when one matches the phone, email or channel
 * account, with what the request says on top; just what it says otherwise.
 * Read only: the profile is created or updated by the flow's own steps.
 */
export async function requestCustomer(store: StoreRepositories, request: IntakeRequest): Promise<JsonObject> {
  const given = request.customer;
  const contact = { ...given, channel: request.channel };
  for (const identity of identitiesOf(contact, ['channel_id', 'phone', 'email'])) {
    const profile = await store.customers.findByIdentity(DEFAULT_WORKSPACE_ID, identity);
    if (profile) return customerFacts(customerData(profile, false), given, 'request');
  }
  return customerFacts(undefined, given, 'request');
}

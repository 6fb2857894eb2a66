import type { JsonObject } from '@flowdesk/store';

/**
 * The customer as a flow starts with them (entry conditions, and the `customer`
 * an event trigger brings): the profile found for them (`customerData()`'s
 * shape: looked up by intake and events, or picked / set by hand in a test
 * run), with what the request or event itself says on top. Someone without a
 * profile is just what they say; a request from them is from a new customer.
 * Intake, events and both test runs build it here, so they cannot drift apart.
 */
export function customerFacts(
  profile: JsonObject | undefined,
  given: Readonly<Record<string, unknown>>,
  from: 'request' | 'event',
): JsonObject {
  if (profile) return { ...profile, ...given } as JsonObject;
  return (from === 'request' ? { ...given, isNew: true } : { ...given }) as JsonObject;
}

import { customerData } from '@flowdesk/desk';
import { LocaleSchema } from '@flowdesk/model';
import type { JsonObject, StoreRepositories } from '@flowdesk/store';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { AppError } from '../../http/app-error.ts';

/**
 * The customer a test run is about: an existing customer picked by id, or a
 * profile set by hand (VIP level, tags, language, how often they wrote and
 * complained before). Values set by hand win over the picked customer's.
 */
export const TestCustomerSchema = z.strictObject({
  customerId: z.string().trim().min(1).max(200).optional(),
  vipLevel: z.number().int().min(0).max(10).optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  locale: LocaleSchema.optional(),
  requestCount: z.number().int().min(0).max(1_000_000).optional(),
  complaintCount: z.number().int().min(0).max(1_000_000).optional(),
});
export type TestCustomer = z.infer<typeof TestCustomerSchema>;

/** Stands in for the id a stored profile would have; nothing is stored under it. */
export const TEST_CUSTOMER_ID = 'test-customer';

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/**
 * The profile in the shape the live runtime gives flows (`customerData()`:
 * what identify-customer outputs and what entry conditions and event triggers
 * read). A profile set by hand takes name and contacts from what the request
 * says, like a profile the first request created; it is new until it has a
 * request on record.
 */
export async function testCustomerProfile(
  store: StoreRepositories,
  given: TestCustomer,
  sender: Record<string, unknown> = {},
): Promise<JsonObject> {
  const { customerId, ...byHand } = given;
  if (customerId) {
    const profile = await store.customers.get(customerId);
    if (!profile || profile.workspaceId !== DEFAULT_WORKSPACE_ID) {
      throw new AppError('not_found', 'customer_not_found', { params: { id: customerId } });
    }
    return { ...customerData(profile, false), ...byHand };
  }
  const requestCount = byHand.requestCount ?? 0;
  return {
    id: TEST_CUSTOMER_ID,
    name: text(sender.name),
    phone: text(sender.phone),
    email: text(sender.email),
    vipLevel: byHand.vipLevel ?? 0,
    tags: byHand.tags ?? [],
    requestCount,
    complaintCount: byHand.complaintCount ?? 0,
    lastContactAt: null,
    locale: byHand.locale ?? null,
    isNew: requestCount === 0,
  };
}

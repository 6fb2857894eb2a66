import { isLocale, type Locale } from '@flowdesk/model';

/**
 * Who a test run's sample comes from, as the panel's customer section holds
 * it: an existing customer picked by search, and values set by hand (which
 * win over the picked customer's). Nothing picked and nothing set: a customer
 * writing for the first time, as before. Kept apart from the components so
 * the mapping is tested without a DOM.
 */
export interface CustomerForm {
  customerId: string;
  /** How the picked customer is shown (name and masked contact); not sent. */
  customerLabel: string;
  vipLevel: string;
  /** Comma-separated, as typed. */
  tags: string;
  locale: Locale | '';
  requestCount: string;
  complaintCount: string;
}

/** What `flows.testRun` and saved cases take as `customer` (the server's TestCustomerSchema). */
export interface TestCustomerInput {
  customerId?: string;
  vipLevel?: number;
  tags?: string[];
  locale?: Locale;
  requestCount?: number;
  complaintCount?: number;
}

export const EMPTY_CUSTOMER: CustomerForm = {
  customerId: '',
  customerLabel: '',
  vipLevel: '',
  tags: '',
  locale: '',
  requestCount: '',
  complaintCount: '',
};

export type CustomerResult = { ok: true; customer: TestCustomerInput | undefined } | { ok: false };

const COUNT_LIMIT = 1_000_000;

/** A whole number in range, undefined when left empty, null when it is not one. */
function wholeNumber(value: string, max: number): number | undefined | null {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  if (!/^\d+$/.test(trimmed)) return null;
  const number = Number(trimmed);
  return number <= max ? number : null;
}

export function customerToInput(form: CustomerForm): CustomerResult {
  const vipLevel = wholeNumber(form.vipLevel, 10);
  const requestCount = wholeNumber(form.requestCount, COUNT_LIMIT);
  const complaintCount = wholeNumber(form.complaintCount, COUNT_LIMIT);
  if (vipLevel === null || requestCount === null || complaintCount === null) return { ok: false };
  // Split on ASCII and Chinese commas alike: 金卡，老客户
  const tags = [
    ...new Set(
      form.tags
        .split(/[,，]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
  const customer: TestCustomerInput = {
    ...(form.customerId ? { customerId: form.customerId } : {}),
    ...(vipLevel !== undefined ? { vipLevel } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(form.locale ? { locale: form.locale } : {}),
    ...(requestCount !== undefined ? { requestCount } : {}),
    ...(complaintCount !== undefined ? { complaintCount } : {}),
  };
  return { ok: true, customer: Object.keys(customer).length > 0 ? customer : undefined };
}

const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : '');

/** The form for a customer saved with a case or given by a template sample; anything malformed is left out. */
export function customerFromInput(value: unknown, label = ''): CustomerForm {
  if (typeof value !== 'object' || value === null) return EMPTY_CUSTOMER;
  const given = value as Record<string, unknown>;
  const customerId = typeof given.customerId === 'string' ? given.customerId : '';
  return {
    customerId,
    customerLabel: customerId ? label || customerId : '',
    vipLevel: count(given.vipLevel),
    tags: Array.isArray(given.tags) ? given.tags.filter((tag) => typeof tag === 'string').join(', ') : '',
    locale: isLocale(given.locale) ? given.locale : '',
    requestCount: count(given.requestCount),
    complaintCount: count(given.complaintCount),
  };
}

/** A customer the search found, as `customers.search` answers (contacts masked for the role). */
export interface CustomerOption {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  vipLevel: number;
  tags: string[];
  requestCount: number;
  complaintCount: number;
  locale: Locale | null;
}

export type SearchCustomers = (query: string) => Promise<CustomerOption[]>;

export function customerLabel(option: CustomerOption): string {
  return [option.name, option.phone ?? option.email].filter(Boolean).join(' · ') || option.id;
}

/** Picking a customer shows their profile in the fields, where it can still be changed by hand. */
export function pickCustomer(option: CustomerOption): CustomerForm {
  return {
    customerId: option.id,
    customerLabel: customerLabel(option),
    vipLevel: String(option.vipLevel),
    tags: option.tags.join(', '),
    locale: option.locale ?? '',
    requestCount: String(option.requestCount),
    complaintCount: String(option.complaintCount),
  };
}

import { ROLES_SEEING_PERSONAL_DATA } from '@flowdesk/desk';
import { maskText } from '@flowdesk/engine';
import type { UserRole } from '@flowdesk/store';

/**
 * The one masking rule for customer contacts in everything the server
 * answers (tRPC procedures, REST routes): phone numbers, emails and channel
 * account ids show only their last four characters (`*******5678`).
 *
 * Who sees them whole is decided by role, in one list
 * (ROLES_SEEING_PERSONAL_DATA in @flowdesk/desk): admins and agents, who call
 * and write to customers themselves. Editors and viewers, who build and watch
 * flows, get every answer masked: customer profiles, ticket lists and
 * details, execution lists and traces (step inputs, outputs, the trigger
 * event in the run state), test runs and past requests offered as samples.
 * The architecture's target is "masked for every role, with an audited
 * reveal of one ticket's contact"; when that reveal lands, the list shrinks
 * and nothing else here changes.
 *
 * Masking walks the JSON answer: values under contact keys (phone, email,
 * openid, channelId…) are masked whole, identities `{ kind, value }` by their
 * kind, and phone numbers and emails found inside any other text (a message,
 * a ticket title, a rendered reply in a trace) are masked where they stand.
 * Values are never parsed or evaluated, only copied.
 */

/** Keys (lower case, without `_` and `-`) whose text value is a contact. */
const CONTACT_KEYS = new Set([
  'phone',
  'phones',
  'phonenumber',
  'mobile',
  'tel',
  'telephone',
  'email',
  'emails',
  'emailaddress',
  'openid',
  'unionid',
  'wechatopenid',
  'channelid',
  'customerkey',
  'fromusername',
  'touser',
]);

/** Identity kinds (`{ kind, value }` in customer profiles) whose value is a contact. */
function isContactKind(kind: string): boolean {
  return kind === 'phone' || kind === 'email' || kind.startsWith('channel:');
}

/**
 * Contacts inside free text. The look-arounds keep ticket numbers
 * (`CS20261122001`), ids, tokens and ISO dates intact: a number only counts
 * when no letter, digit or joining mark touches it.
 */
const CONTACTS_IN_TEXT = new RegExp(
  [
    // Email addresses.
    String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`,
    // Mainland mobile numbers, with or without +86 and spaces or dashes: 138 1234 5678.
    String.raw`(?<![\w.\-/+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![\w])`,
    // International numbers written with a +: +44 20 7946 0958.
    String.raw`(?<![\w+])\+\d{1,3}(?:[\s-]?\d){6,13}(?![\w])`,
    // Landlines with an area code: 010-12345678, 0755-1234567.
    String.raw`(?<![\w.\-/])0\d{2,3}-\d{7,8}(?![\w])`,
  ].join('|'),
  'g',
);

export function maskContactsInText(text: string): string {
  return text.replace(CONTACTS_IN_TEXT, (found) => maskText(found));
}

function normalisedKey(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

/** A value under a contact key: text and numbers are masked whole, lists item by item. */
function maskContactValue(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value === 'number') return maskText(String(value));
  if (Array.isArray(value)) return value.map(maskContactValue);
  // Any other object under a contact key (a label table `{ zh-CN, en }`) is walked like the rest.
  return maskContacts(value);
}

/** `channelIds: { 'channel:wechat': 'oX1…' }`: every value is an account id. */
function maskEachValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return maskContactValue(value);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskContactValue(item)]));
}

/** A masked copy of a JSON-like value; the input is never changed. */
export function maskContacts(value: unknown): unknown {
  if (typeof value === 'string') return maskContactsInText(value);
  if (Array.isArray(value)) return value.map(maskContacts);
  if (value === null || typeof value !== 'object') return value;
  // Dates, buffers and other class instances are not JSON documents written by customers.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const record = value as Record<string, unknown>;
  const contactIdentity = typeof record.kind === 'string' && isContactKind(record.kind);
  const masked: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    const normalised = normalisedKey(key);
    if (contactIdentity && key === 'value') masked[key] = maskContactValue(item);
    else if (normalised === 'channelids') masked[key] = maskEachValue(item);
    else if (CONTACT_KEYS.has(normalised)) masked[key] = maskContactValue(item);
    else masked[key] = maskContacts(item);
  }
  return masked;
}

export function roleSeesContacts(role: UserRole): boolean {
  return ROLES_SEEING_PERSONAL_DATA.includes(role);
}

/** The answer as `role` may see it. */
export function maskAnswerFor<T>(role: UserRole, answer: T): T {
  return roleSeesContacts(role) ? answer : (maskContacts(answer) as T);
}

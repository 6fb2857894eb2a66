import { ROLES_SEEING_PERSONAL_DATA } from '@flowdesk/desk';
import { maskText } from '@flowdesk/engine';
import type { UserRole } from '@flowdesk/store';
import { ROLES } from '../auth/roles.ts';

/**
 * The one masking rule for customer contacts in everything the server
 * answers (tRPC procedures, REST routes): phone numbers, emails and channel
 * account ids show only their last four characters (`*******5678`).
 *
 * Every role gets every answer masked (ROLES_SEEING_PERSONAL_DATA in
 * @flowdesk/desk is empty): customer profiles, ticket lists and details,
 * execution lists and traces (step inputs, outputs, the trigger event in the
 * run state), test runs and past requests offered as samples. The one way to
 * a whole contact is tickets.revealContact: one ticket's customer, for the
 * roles the workspace allows (people settings), audited every time.
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
 * Phone numbers inside free text. The look-arounds keep ticket numbers
 * (`CS20261122001`), ids, tokens and ISO dates intact: a number only counts
 * when no letter, digit or joining mark touches it. Every alternative has a
 * bounded length (at most about 30 characters), so a search costs a constant
 * per start position and the whole text is read in linear time.
 */
const PHONES_IN_TEXT = new RegExp(
  [
    // Mainland mobile numbers, with or without +86 and spaces or dashes: 138 1234 5678.
    String.raw`(?<![\w.\-/+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![\w])`,
    // International numbers written with a +: +44 20 7946 0958.
    String.raw`(?<![\w+])\+\d{1,3}(?:[\s-]?\d){6,13}(?![\w])`,
    // Landlines with an area code: 010-12345678, 0755-1234567.
    String.raw`(?<![\w.\-/])0\d{2,3}-\d{7,8}(?![\w])`,
  ].join('|'),
  'g',
);

interface Span {
  start: number;
  end: number;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** `[A-Za-z0-9.-]` */
function isDomainChar(code: number): boolean {
  return isLetter(code) || (code >= 48 && code <= 57) || code === 46 || code === 45;
}

/** `[A-Za-z0-9._%+-]` */
function isLocalChar(code: number): boolean {
  return isDomainChar(code) || code === 95 || code === 37 || code === 43;
}

const DOT = 46;

/**
 * The email address around the `@` at `at`, starting no earlier than `from`:
 * what `[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`
 * matches there, found without a regular expression. That expression, tried
 * at every position of a text, reads the whole run of address characters
 * from each one (50,000 characters without an `@` took seconds). Here the
 * text is read outwards from each `@` only, and the runs read for two `@`s
 * never overlap (an `@` ends both runs), so a whole text costs linear time.
 */
function emailAround(text: string, at: number, from: number): Span | undefined {
  let start = at;
  while (start > from && isLocalChar(text.charCodeAt(start - 1))) start--;
  if (start === at) return undefined;
  // The domain: labels joined by single dots, the last made of two or more letters; the longest such prefix.
  let end: number | undefined;
  let lastDot = -1;
  let lettersOnly = false;
  let letters = 0;
  for (let index = at + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isDomainChar(code)) break;
    if (code === DOT) {
      // A domain neither starts with a dot nor has an empty label.
      if (index === at + 1 || index === lastDot + 1) break;
      lastDot = index;
      lettersOnly = true;
      letters = 0;
    } else if (isLetter(code)) {
      letters++;
      if (lastDot > 0 && lettersOnly && letters >= 2) end = index + 1;
    } else {
      lettersOnly = false;
    }
  }
  return end === undefined ? undefined : { start, end };
}

/** The first email address starting at `from` or later. */
function nextEmail(text: string, from: number): Span | undefined {
  for (let at = text.indexOf('@', from); at !== -1; at = text.indexOf('@', at + 1)) {
    const found = emailAround(text, at, from);
    if (found) return found;
  }
  return undefined;
}

function nextPhone(text: string, from: number): Span | undefined {
  PHONES_IN_TEXT.lastIndex = from;
  const found = PHONES_IN_TEXT.exec(text);
  return found ? { start: found.index, end: found.index + found[0].length } : undefined;
}

/**
 * Phone numbers and emails inside free text, masked where they stand. As one
 * regular expression would: the contact that starts first wins, an email
 * before a phone number starting at the same place, and the search goes on
 * after it. Linear in the length of the text (customer text can be long and
 * every answer to editors and viewers, and every log line, goes through here).
 */
export function maskContactsInText(text: string): string {
  const parts: string[] = [];
  let position = 0;
  let email = nextEmail(text, 0);
  let phone = nextPhone(text, 0);
  while (email || phone) {
    const found = email && (!phone || email.start <= phone.start) ? email : (phone as Span);
    parts.push(text.slice(position, found.start), maskText(text.slice(found.start, found.end)));
    position = found.end;
    // The next candidates start after this one; one that overlapped it is searched again.
    if (email && email.start < position) email = nextEmail(text, position);
    if (phone && phone.start < position) phone = nextPhone(text, position);
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(position));
  return parts.join('');
}

/**
 * The token of a progress link (`/t/CS…?token=<issued>.<HMAC>`, or the older
 * `token=<HMAC>`) opens the customer's ticket page with their messages: a
 * role that may not see a customer's contacts may not hold it either. The
 * value is replaced by `***`, so the link stays recognisable but cannot be
 * opened. Linear: the pattern starts with a fixed text and has one run.
 */
const LINK_TOKENS = /([?&]token=)[A-Za-z0-9._~%-]+/g;
/**
 * A survey link (`/s/<token>`) lets whoever holds it answer as the customer;
 * its token (random, 20 characters or more) is masked the same way.
 */
const SURVEY_LINK_TOKENS = /(\/s\/)[A-Za-z0-9_-]{20,}/g;

export function maskLinkTokens(text: string): string {
  return text.replace(LINK_TOKENS, '$1***').replace(SURVEY_LINK_TOKENS, '$1***');
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

export interface MaskOptions {
  /**
   * `'keep'` leaves the tokens of progress and survey links as they are: the
   * roles that work tickets hand those links to customers themselves.
   */
  linkTokens?: 'keep' | 'mask';
}

/** A masked copy of a JSON-like value; the input is never changed. */
export function maskContacts(value: unknown, options: MaskOptions = {}): unknown {
  if (typeof value === 'string') {
    const masked = maskContactsInText(value);
    return options.linkTokens === 'keep' ? masked : maskLinkTokens(masked);
  }
  if (Array.isArray(value)) return value.map((item) => maskContacts(item, options));
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
    else masked[key] = maskContacts(item, options);
  }
  return masked;
}

export function roleSeesContacts(role: UserRole): boolean {
  return ROLES_SEEING_PERSONAL_DATA.includes(role);
}

/** Agents, supervisors and admins send progress and survey links to customers; the others never hold them. */
export function roleHoldsCustomerLinks(role: UserRole): boolean {
  return (ROLES.ticketWorkers as readonly UserRole[]).includes(role);
}

/** The answer as `role` may see it. */
export function maskAnswerFor<T>(role: UserRole, answer: T): T {
  if (roleSeesContacts(role)) return answer;
  return maskContacts(answer, { linkTokens: roleHoldsCustomerLinks(role) ? 'keep' : 'mask' }) as T;
}

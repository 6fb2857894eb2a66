import type {
  ContactMatch,
  ExecutionCustomer,
  ExecutionPending,
  ExecutionSearchKeys,
} from '../port/execution.types.ts';
import type { JsonObject, JsonValue } from '../port/json.types.ts';

/**
 * The store keeps an execution's run state as an opaque document, except for
 * these few paths, copied beside it on every write so the executions list can
 * show and search them without reading every state:
 *
 * - `data.ticket.number`: the ticket the flow created, or the one whose event started it;
 * - `data.customer.{id,name,email,phone,channelId}`: the customer the flow looked up or
 *   was started for, else `data.request.customer.*`, what the request said.
 *
 * SQLite migration 018 and Mongo migration 18 fill them in for executions
 * written before, from the same paths.
 */
const MAX_KEY_LENGTH = 320;

function objectAt(value: JsonValue | undefined, key: string): JsonObject | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const item = value[key];
  return item !== null && typeof item === 'object' && !Array.isArray(item) ? item : undefined;
}

function textAt(value: JsonObject | undefined, key: string): string | null {
  const item = value?.[key];
  if (typeof item === 'number' && Number.isFinite(item)) return String(item);
  if (typeof item !== 'string') return null;
  const trimmed = item.trim();
  return trimmed ? trimmed.slice(0, MAX_KEY_LENGTH) : null;
}

/**
 * The one rule for a phone number's search digits: its ASCII digits 0-9 and
 * nothing else (no mark, letter or full-width digit), so `138-1234-5678` and
 * `tel: 138 1234 5678` are both kept and searched as `13812345678`. New saves,
 * search terms, SQLite migration 021 (which calls this very function) and Mongo
 * migration 21 all use it.
 */
export function phoneDigits(phone: string): string {
  return phone.replace(/[^0-9]/g, '');
}

/** Stored search digits that break the rule (written by migration 018's backfill): anything but 0-9. */
export const NOT_PHONE_DIGITS = '[^0-9]';

export function executionSearchKeys(state: JsonObject): ExecutionSearchKeys {
  const data = objectAt(state, 'data');
  const profile = objectAt(data, 'customer');
  const given = objectAt(objectAt(data, 'request'), 'customer');
  const pick = (key: string) => textAt(profile, key) ?? textAt(given, key);
  const email = pick('email');
  const phone = pick('phone');
  const customer: ExecutionCustomer = {
    id: textAt(profile, 'id'),
    name: pick('name'),
    email: email ? email.toLowerCase() : null,
    phone: phone ? phoneDigits(phone) || null : null,
    channelId: pick('channelId'),
  };
  const known = Object.values(customer).some((value) => value !== null);
  return { ticketNumber: textAt(objectAt(data, 'ticket'), 'number'), customer: known ? customer : null };
}

/** Where a running or waiting execution stands, from its state's pending command. */
export function pendingOf(command: JsonObject | undefined): ExecutionPending | null {
  if (!command) return null;
  const kind = command.kind;
  if (kind !== 'activity' && kind !== 'wait') return null;
  const event = objectAt(command, 'event');
  return {
    kind,
    nodeType: textAt(command, 'nodeType'),
    event: textAt(event, 'name'),
    until: textAt(command, 'until') ?? textAt(command, 'timeoutAt'),
  };
}

/** A search term as both adapters read it. */
export interface ExecutionSearch {
  /** As typed, trimmed: ticket numbers, names, ids. */
  text: string;
  /** Lower case, for emails. */
  lower: string;
  /** The digits of a term that reads as a phone number (4 digits or more, nothing but digits and + - ( ) spaces); else null. */
  digits: string | null;
  /** Whether `lower` and `digits` must equal the stored email and phone digits, or may be any part of them. */
  contacts: ContactMatch;
}

export function readExecutionSearch(
  search: string | undefined,
  contacts: ContactMatch = 'whole',
): ExecutionSearch | null {
  const text = search?.trim().slice(0, 200) ?? '';
  if (!text) return null;
  const digits = /^[\d\s+\-()]+$/.test(text) ? phoneDigits(text) : '';
  return { text, lower: text.toLowerCase(), digits: digits.length >= 4 ? digits : null, contacts };
}

import { CHANNELS, type Locale, PRIORITIES, TICKET_STATUSES } from '@flowdesk/model';
import type { TimelineEntry } from '../desk-outputs.types.ts';

/** A name the server gives in both languages, such as a team's. */
function isLocalizedName(value: object): value is Record<Locale, string> {
  const record = value as Record<string, unknown>;
  return typeof record['zh-CN'] === 'string' && typeof record.en === 'string';
}

/**
 * How a changed value reads on the timeline: statuses, priorities and channels
 * in the reader's language, names given in both languages (teams) in the
 * reader's, lists joined, an empty value as a dash. Pure, so the timeline's
 * wording is tested without rendering.
 */
export function changeValue(field: string, value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '—';
  if (typeof value === 'object') return isLocalizedName(value) ? value[locale] : JSON.stringify(value);
  const text = String(value);
  const labels: Record<string, Readonly<Record<string, { 'zh-CN': string; en: string }>>> = {
    status: TICKET_STATUSES.labels,
    priority: PRIORITIES.labels,
    channel: CHANNELS.labels,
  };
  const table = labels[field];
  return table && Object.hasOwn(table, text) ? (table[text]?.[locale] ?? text) : text;
}

/** Who did it, in words: the actor's name (a template flow's in the reader's language), else what kind of actor it was. */
export function actorLabel(
  entry: TimelineEntry,
  words: { flow: string; customer: string; someone: string },
  locale: Locale,
): string {
  const localized = entry.actor.localizedName?.[locale];
  if (localized) return localized;
  if (entry.actor.name) return entry.actor.name;
  if (entry.actor.kind === 'customer') return words.customer;
  if (entry.actor.kind === 'execution') return words.flow;
  return words.someone;
}

/** Messages from the customer sit on one side, everything the desk says on the other. */
export function entrySide(entry: TimelineEntry): 'customer' | 'desk' | 'event' {
  if (entry.kind === 'created' || entry.kind === 'inbound' || entry.kind === 'survey_answer')
    return 'customer';
  if (entry.kind === 'flow_reply' || entry.kind === 'agent_reply' || entry.kind === 'note') return 'desk';
  return 'event';
}

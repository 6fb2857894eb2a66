import type { Locale, LocalizedText } from '@flowdesk/model';
import type { TFunction } from 'i18next';

/**
 * How a value in the impact report reads: team ids become the team's name,
 * handling and "none" their words, everything else stays as the server wrote
 * it (priorities and categories are ids people know).
 */
export function valueText(
  kind: string,
  value: string,
  teamNames: Readonly<Record<string, LocalizedText>>,
  locale: Locale,
  t: TFunction,
): string {
  if (value === 'none') return t('shadow.value.none');
  if (kind === 'team') {
    if (value === 'no_ticket') return t('shadow.value.noTicket');
    return teamNames[value]?.[locale] ?? value;
  }
  if (kind === 'handling') return t(`shadow.handling.${value}`, { defaultValue: value });
  if (kind === 'started') return t(`shadow.value.${value === 'started' ? 'started' : 'notStarted'}`);
  return value;
}

/** "38 requests (7.6 %)": the share with one decimal, in the reader's number format. */
export function shareText(count: number, share: number, locale: Locale, t: TFunction): string {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
  return t('shadow.requestsShare', { n: count, percent });
}

/** The report's `skippedBy` keys and the words each reads as (`shadow.skip.*`). */
const SKIP_KEYS: Readonly<Record<string, string>> = {
  'trigger_not_replayed:trigger.survey_answered': 'survey',
  'trigger_not_replayed:trigger.anomaly_detected': 'anomaly',
  'trigger_not_replayed:trigger.schedule': 'schedule',
  state_unreadable: 'unreadable',
  no_trigger_data: 'noTrigger',
  execution_missing: 'missing',
};

/**
 * One line per reason the run did not replay some executions ("3 started by a
 * survey answer…"). Reports stored before the counts were kept count their list.
 */
export function skipLines(
  report: { skipped: readonly { reason: string }[]; skippedBy?: Readonly<Record<string, number>> },
  t: TFunction,
): { key: string; text: string }[] {
  const counts: Record<string, number> = { ...(report.skippedBy ?? {}) };
  if (!report.skippedBy) {
    for (const skip of report.skipped) counts[skip.reason] = (counts[skip.reason] ?? 0) + 1;
  }
  return Object.entries(counts).map(([key, n]) => {
    const words = SKIP_KEYS[key];
    return {
      key,
      text: words ? t(`shadow.skip.${words}`, { n }) : t('shadow.skip.other', { n, reason: key }),
    };
  });
}

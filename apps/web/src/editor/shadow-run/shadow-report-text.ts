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

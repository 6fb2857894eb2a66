import type { Locale, LocalizedText } from '@flowdesk/model';
import type { TFunction } from 'i18next';

/** How long something has waited, in the largest unit that reads naturally ("3 h 20 min", "2 d 4 h"). */
export function formatAge(fromIso: string | null, nowIso: string, t: TFunction): string {
  if (!fromIso) return '—';
  const minutes = Math.max(0, Math.floor((Date.parse(nowIso) - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return t('supervisor.age.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('supervisor.age.hours', { hours, minutes: minutes % 60 });
  return t('supervisor.age.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** A team's name in the reader's language; a queue no team is configured for shows its id. */
export function teamLabel(
  team: { id: string | null; name: LocalizedText | null },
  locale: Locale,
  t: TFunction,
): string {
  if (team.id === null) return t('supervisor.noTeam');
  return team.name?.[locale] ?? team.id;
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

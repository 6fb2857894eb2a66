import { formatLocalDate, localParts } from '@flowdesk/engine';

/** An instant as the workspace's wall clock reads it: `2026-11-20 14:03`. */
export function localDateTime(at: string, timezone: string): string {
  const parts = localParts(Date.parse(at), timezone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${formatLocalDate(parts)} ${pad(parts.hour)}:${pad(parts.minute)}`;
}

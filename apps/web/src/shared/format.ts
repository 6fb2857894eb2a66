import type { Locale } from '@flowdesk/model';

/** Dates as people read them in their language. */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Saves JSON as a file the browser downloads. */
export function downloadJson(fileName: string, value: unknown): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

export function fileNameFor(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 80) || 'flow';
  return `${safe}.flow.json`;
}

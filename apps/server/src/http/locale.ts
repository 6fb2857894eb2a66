import type { Locale } from '@flowdesk/model';

/**
 * The caller's language from Accept-Language: the preferred tag wins; any
 * Chinese variant reads zh-CN (our only Chinese), everything else English.
 */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale {
  if (!header) return 'en';
  let best: { tag: string; quality: number } | undefined;
  for (const part of header.split(',')) {
    const [rawTag, ...parameters] = part.trim().split(';');
    const tag = (rawTag ?? '').trim().toLowerCase();
    if (tag === '' || tag === '*') continue;
    const qualityParameter = parameters.find((p) => p.trim().startsWith('q='));
    const quality = qualityParameter ? Number(qualityParameter.trim().slice(2)) : 1;
    if (!Number.isFinite(quality) || quality <= 0) continue;
    if (!best || quality > best.quality) best = { tag, quality };
  }
  return best?.tag.startsWith('zh') ? 'zh-CN' : 'en';
}

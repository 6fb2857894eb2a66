import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n.ts';
import { formatAge, percent, teamLabel } from './supervisor-format.ts';

describe('supervisor formatting', () => {
  const i18n = createI18n('en');
  const t = i18n.t.bind(i18n);
  const now = '2026-12-05T10:00:00.000Z';

  it('says how long the oldest ticket waited in the largest unit that reads naturally', () => {
    expect(formatAge('2026-12-05T09:35:00.000Z', now, t)).toBe('25 min');
    expect(formatAge('2026-12-05T06:40:00.000Z', now, t)).toBe('3 h 20 min');
    expect(formatAge('2026-12-02T06:00:00.000Z', now, t)).toBe('3 d 4 h');
    expect(formatAge(null, now, t)).toBe('—');
    // A clock slightly ahead of the server's never shows a negative wait.
    expect(formatAge('2026-12-05T10:01:00.000Z', now, t)).toBe('0 min');
  });

  it('names teams in the reader language, an unconfigured queue by its id, and no team as such', () => {
    const name = { 'zh-CN': '售后', en: 'After-sales' };
    expect(teamLabel({ id: 'after_sales', name }, 'en', t)).toBe('After-sales');
    expect(teamLabel({ id: 'after_sales', name }, 'zh-CN', t)).toBe('售后');
    expect(teamLabel({ id: 'supervisor', name: null }, 'en', t)).toBe('supervisor');
    expect(teamLabel({ id: null, name: null }, 'en', t)).toBe('No team');
  });

  it('shows a load share as a whole percentage, and none without capacity', () => {
    expect(percent(0.4)).toBe('40%');
    expect(percent(2 / 3)).toBe('67%');
    expect(percent(null)).toBe('—');
  });
});

import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.ts';
import { BREAKDOWN_BY } from './dashboard-filters.ts';
import { kpiLabelKey, TILE_KPIS } from './kpi-labels.ts';
import { TARGET_INPUT_UNIT } from './target-units.ts';

/** The keys the dashboard builds at run time (locale-keys.test.ts only sees literal t('…') keys). */
const builtKeys = [
  ...TILE_KPIS.map(kpiLabelKey),
  ...BREAKDOWN_BY.flatMap((by) => [`dashboard.by.${by}`, `dashboard.none.${by}`]),
  ...Object.values(TARGET_INPUT_UNIT).map((unit) => `dashboard.targetUnit.${unit}`),
  'dashboard.drillTotal',
];

describe('dashboard texts', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`names every KPI, group and target unit in ${locale}`, () => {
      const i18n = createI18n(locale);
      expect(builtKeys.filter((key) => !i18n.exists(key) && !i18n.exists(key, { count: 2 }))).toEqual([]);
      const names = TILE_KPIS.map((id) => i18n.t(kpiLabelKey(id)));
      expect(new Set(names).size).toBe(TILE_KPIS.length);
    });
  }
});

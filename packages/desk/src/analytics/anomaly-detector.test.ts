import { describe, expect, it } from 'vitest';
import { detectAnomalies, median, robustScore } from './anomaly-detector.ts';
import {
  baselineHours,
  type CreatedTicketSignal,
  HOUR_MS,
  type HourTickets,
  hourSeries,
  lastCompleteHour,
  WEEK_MS,
} from './anomaly-series.ts';
import { DEFAULT_ANOMALY_SETTINGS } from './anomaly-settings.ts';

const SETTINGS = DEFAULT_ANOMALY_SETTINGS;
const MONDAY = Date.parse('2026-11-02T00:00:00Z');

/** A deterministic noise source, so the synthetic weeks are the same in every run. */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function ticket(category: string, extra: Partial<CreatedTicketSignal> = {}): CreatedTicketSignal {
  return { channel: 'web_form', category, tags: [], customFields: {}, ...extra };
}

function hourOf(counts: Record<string, number>, due: HourTickets['due'] = []): HourTickets {
  return {
    created: Object.entries(counts).flatMap(([category, count]) =>
      Array.from({ length: count }, () => ticket(category)),
    ),
    due,
  };
}

/** Business-day shape: busy 9–18 on weekdays, a trickle at night and on weekends. */
function expectedVolume(hourOfWeek: number): number {
  const day = Math.floor(hourOfWeek / 24);
  const hour = hourOfWeek % 24;
  const weekend = day >= 5;
  if (hour >= 9 && hour < 18) return weekend ? 8 : 40;
  return weekend ? 1 : 4;
}

/** Five weeks of hourly electrical-fault counts: the weekly shape with ±20 % noise. */
function syntheticWeeks(weeks = 5, seed = 7): Map<number, HourTickets> {
  const random = noise(seed);
  const hours = new Map<number, HourTickets>();
  for (let index = 0; index < weeks * 168; index += 1) {
    const base = expectedVolume(index % 168);
    const count = Math.round(base * (0.8 + 0.4 * random()));
    hours.set(MONDAY + index * HOUR_MS, hourOf({ electrical: count }));
  }
  return hours;
}

function detectAt(hours: Map<number, HourTickets>, hour: number, settings = SETTINGS) {
  const at = (instant: number) => hourSeries(hours.get(instant) ?? { created: [], due: [] }, settings);
  return detectAnomalies({
    current: at(hour),
    history: baselineHours(hour, settings.baselineWeeks).map(at),
    settings,
  });
}

describe('anomaly detector on synthetic series', () => {
  it('finds a surge of one category in the very hour it happens', () => {
    const hours = syntheticWeeks();
    // Week 5, Wednesday 10:00: the usual ~40 electrical faults, and 120 this time.
    const surgeHour = MONDAY + 4 * WEEK_MS + (2 * 24 + 10) * HOUR_MS;
    hours.set(surgeHour, hourOf({ electrical: 120 }));
    const findings = detectAt(hours, surgeHour);
    const surge = findings.find((finding) => finding.kind === 'category');
    expect(surge).toMatchObject({ kind: 'category', key: 'electrical', value: 120, volume: 120 });
    expect(surge?.baseline).toBeGreaterThan(30);
    expect(surge?.baseline).toBeLessThan(50);
    expect(surge?.score).toBeGreaterThan(SETTINGS.minScore);
    // The hour before raised nothing: the alarm is the surge's own hour, not later.
    expect(detectAt(hours, surgeHour - HOUR_MS)).toEqual([]);
  });

  it('raises nothing for a normal weekly pattern, however busy its peak hours', () => {
    const hours = syntheticWeeks();
    const lastWeek = MONDAY + 4 * WEEK_MS;
    const alarms = Array.from({ length: 168 }, (_, index) =>
      detectAt(hours, lastWeek + index * HOUR_MS),
    ).flat();
    expect(alarms).toEqual([]);
  });

  it('raises nothing in quiet hours even when they triple', () => {
    const hours = syntheticWeeks();
    // Sunday 03:00 usually holds ~1 ticket; 3 and then 9 (below the minimum volume of 10) stay quiet.
    const night = MONDAY + 4 * WEEK_MS + (6 * 24 + 3) * HOUR_MS;
    hours.set(night, hourOf({ electrical: 9 }));
    expect(detectAt(hours, night)).toEqual([]);
    // With the minimum volume lowered to 5, the same hour does alarm: the minimum is what kept it quiet.
    expect(detectAt(hours, night, { ...SETTINGS, minVolume: 5 })).not.toEqual([]);
  });

  it('handles a flat history (MAD = 0) with a finite score from the floor', () => {
    expect(robustScore(5, [5, 5, 5, 5], false)).toEqual({ baseline: 5, spread: Math.sqrt(5), score: 0 });
    const surge = robustScore(20, [5, 5, 5, 5], false);
    expect(surge.score).toBeCloseTo(15 / Math.sqrt(5), 6);
    expect(Number.isFinite(robustScore(12, [0, 0, 0, 0], false).score)).toBe(true);
    expect(robustScore(12, [0, 0, 0, 0], false).score).toBe(12);
    // A flat share history: the 5-point floor, so 0.10 → 0.40 scores 6.
    expect(robustScore(0.4, [0.1, 0.1, 0.1, 0.1], true).score).toBeCloseTo(6, 6);
  });

  it('scores with the median and 1.4826 · MAD', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // history 100, 110, 120, 200: median 115, deviations 15, 5, 5, 85 → MAD 10, spread 14.826 (above the floor √115).
    const scored = robustScore(160, [100, 110, 120, 200], false);
    expect(scored.baseline).toBe(115);
    expect(scored.spread).toBeCloseTo(14.826, 6);
    expect(scored.score).toBeCloseTo(45 / 14.826, 6);
    // history 10, 12, 14, 30: MAD 2 gives 2.97, below the Poisson floor √13 ≈ 3.61, which wins.
    expect(robustScore(25, [10, 12, 14, 30], false).spread).toBeCloseTo(Math.sqrt(13), 6);
  });

  it('watches channels, products and the negative and SLA-breach shares', () => {
    const week = (negative: number, breached: number): HourTickets => ({
      created: [
        ...Array.from({ length: 20 - negative }, () =>
          ticket('electrical', { channel: 'email', customFields: { deviceModel: 'CNC-850' } }),
        ),
        ...Array.from({ length: negative }, () => ticket('electrical', { tags: ['complaint'] })),
      ],
      due: Array.from({ length: 20 }, (_, index) => ({ slaState: index < breached ? 'breached' : 'met' })),
    });
    const current = hourSeries(week(12, 10), SETTINGS);
    expect(current.get('negative_share:all')).toMatchObject({ value: 0.6, volume: 20 });
    expect(current.get('product:CNC-850')).toMatchObject({ value: 8 });
    expect(current.get('channel:email')).toMatchObject({ value: 8 });
    const history = [week(2, 1), week(2, 2), week(3, 1), week(2, 1)].map((hour) =>
      hourSeries(hour, SETTINGS),
    );
    const kinds = detectAnomalies({ current, history, settings: SETTINGS }).map((finding) => finding.kind);
    expect(kinds).toContain('negative_share');
    expect(kinds).toContain('sla_breach_share');
  });

  it('judges the last complete hour against the same hour of earlier weeks', () => {
    const now = Date.parse('2026-12-02T10:20:00Z');
    const hour = lastCompleteHour(now);
    expect(new Date(hour).toISOString()).toBe('2026-12-02T09:00:00.000Z');
    expect(baselineHours(hour, 2).map((instant) => new Date(instant).toISOString())).toEqual([
      '2026-11-25T09:00:00.000Z',
      '2026-11-18T09:00:00.000Z',
    ]);
  });
});

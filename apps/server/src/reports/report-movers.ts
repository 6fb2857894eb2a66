import type { LocalizedText } from '@flowdesk/model';
import type { ReportPeriodKind } from './report-period.ts';

/**
 * The report's "top movers": the categories, channels and flows whose volume
 * or hand-off rate changed most against the previous period, each with a
 * sentence a manager can read. Pure: the figures come in counted.
 *
 * - Volume: tickets created in the period; ranked by the absolute change in
 *   tickets (a group that went from 40 to 60 moved more than one from 1 to 3).
 * - Hand-off rate: handed-over flow tickets ÷ flow tickets (docs/kpis.md);
 *   only groups with at least MIN_FLOW_TICKETS flow tickets in both periods,
 *   and a change of at least MIN_RATE_CHANGE, so two tickets do not make a trend.
 */

export const MOVER_DIMENSIONS = ['category', 'channel', 'flow'] as const;
export type MoverDimension = (typeof MOVER_DIMENSIONS)[number];
export type MoverMetric = 'volume' | 'handoff_rate';

export const MOVERS_PER_METRIC = 5;
export const MIN_FLOW_TICKETS = 5;
export const MIN_RATE_CHANGE = 0.05;

export interface GroupCounts {
  /** Tickets created in the period. */
  volume: number;
  /** Of those, made by a flow. */
  flowTickets: number;
  /** Of the flow tickets, handed to a person. */
  handoffs: number;
}

export interface GroupFigures {
  dimension: MoverDimension;
  /** The channel, category id or flow id; null: tickets without one. */
  group: string | null;
  name: LocalizedText;
  current: GroupCounts;
  previous: GroupCounts;
}

export interface Mover {
  dimension: MoverDimension;
  group: string | null;
  name: LocalizedText;
  metric: MoverMetric;
  /** Tickets (volume) or a ratio 0–1 (hand-off rate). */
  current: number;
  previous: number;
  change: number;
  /** The change over the previous value; null when the previous value was 0. */
  relativeChange: number | null;
  /** The flow tickets the rates stand on (hand-off rate only). */
  sample: { current: number; previous: number } | null;
  sentence: LocalizedText;
}

const DIMENSION_WORDS: Record<MoverDimension, LocalizedText> = {
  category: { 'zh-CN': '分类', en: 'Category' },
  channel: { 'zh-CN': '渠道', en: 'Channel' },
  flow: { 'zh-CN': '流程', en: 'Flow' },
};

const PREVIOUS_WORDS: Record<ReportPeriodKind, LocalizedText> = {
  week: { 'zh-CN': '上周', en: 'the previous week' },
  month: { 'zh-CN': '上月', en: 'the previous month' },
  range: { 'zh-CN': '上一时段', en: 'the previous period' },
};

const rate = (counts: GroupCounts) => (counts.flowTickets > 0 ? counts.handoffs / counts.flowTickets : 0);
const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;
const points = (ratio: number) => Math.round(Math.abs(ratio) * 1000) / 10;

function volumeSentence(figures: GroupFigures, kind: ReportPeriodKind): LocalizedText {
  const { current, previous } = { current: figures.current.volume, previous: figures.previous.volume };
  const change = current - previous;
  const what = DIMENSION_WORDS[figures.dimension];
  const before = PREVIOUS_WORDS[kind];
  const relative =
    previous > 0 ? ` (${change > 0 ? '+' : '−'}${Math.round((Math.abs(change) / previous) * 100)}%)` : '';
  const relativeZh = relative.replace(' (', '（').replace(')', '）');
  const up = change > 0;
  return {
    'zh-CN': `${what['zh-CN']}「${figures.name['zh-CN']}」：${current} 张工单，比${before['zh-CN']}的 ${previous} 张${up ? '多' : '少'} ${Math.abs(change)} 张${relativeZh}。`,
    en: `${what.en} “${figures.name.en}”: ${current} tickets, ${up ? 'up' : 'down'} ${Math.abs(change)} from ${previous} in ${before.en}${relative}.`,
  };
}

function handoffSentence(figures: GroupFigures, kind: ReportPeriodKind): LocalizedText {
  const now = rate(figures.current);
  const before = rate(figures.previous);
  const what = DIMENSION_WORDS[figures.dimension];
  const previousWords = PREVIOUS_WORDS[kind];
  const up = now > before;
  return {
    'zh-CN': `${what['zh-CN']}「${figures.name['zh-CN']}」：${figures.current.flowTickets} 张流程工单中 ${percent(now)} 转人工，比${previousWords['zh-CN']}的 ${percent(before)} ${up ? '高' : '低'} ${points(now - before)} 个百分点。`,
    en: `${what.en} “${figures.name.en}”: ${percent(now)} of its ${figures.current.flowTickets} flow tickets went to a person, ${up ? 'up' : 'down'} ${points(now - before)} points from ${percent(before)} in ${previousWords.en}.`,
  };
}

const nameOrder = (a: GroupFigures, b: GroupFigures) =>
  a.dimension.localeCompare(b.dimension) || String(a.group).localeCompare(String(b.group));

export function volumeMovers(groups: readonly GroupFigures[], kind: ReportPeriodKind): Mover[] {
  return groups
    .filter((figures) => figures.current.volume !== figures.previous.volume)
    .sort(
      (a, b) =>
        Math.abs(b.current.volume - b.previous.volume) - Math.abs(a.current.volume - a.previous.volume) ||
        nameOrder(a, b),
    )
    .slice(0, MOVERS_PER_METRIC)
    .map((figures) => {
      const { volume: current } = figures.current;
      const { volume: previous } = figures.previous;
      return {
        dimension: figures.dimension,
        group: figures.group,
        name: figures.name,
        metric: 'volume',
        current,
        previous,
        change: current - previous,
        relativeChange: previous > 0 ? (current - previous) / previous : null,
        sample: null,
        sentence: volumeSentence(figures, kind),
      };
    });
}

export function handoffMovers(groups: readonly GroupFigures[], kind: ReportPeriodKind): Mover[] {
  return groups
    .filter(
      (figures) =>
        figures.current.flowTickets >= MIN_FLOW_TICKETS &&
        figures.previous.flowTickets >= MIN_FLOW_TICKETS &&
        // Rounded so 0.30 − 0.25 counts as the 5 points it is.
        Math.round(Math.abs(rate(figures.current) - rate(figures.previous)) * 1e9) >=
          Math.round(MIN_RATE_CHANGE * 1e9),
    )
    .sort(
      (a, b) =>
        Math.abs(rate(b.current) - rate(b.previous)) - Math.abs(rate(a.current) - rate(a.previous)) ||
        nameOrder(a, b),
    )
    .slice(0, MOVERS_PER_METRIC)
    .map((figures) => {
      const current = rate(figures.current);
      const previous = rate(figures.previous);
      return {
        dimension: figures.dimension,
        group: figures.group,
        name: figures.name,
        metric: 'handoff_rate',
        current,
        previous,
        change: current - previous,
        relativeChange: previous > 0 ? (current - previous) / previous : null,
        sample: { current: figures.current.flowTickets, previous: figures.previous.flowTickets },
        sentence: handoffSentence(figures, kind),
      };
    });
}

/** Volume movers first, then hand-off movers, each largest change first. */
export function topMovers(groups: readonly GroupFigures[], kind: ReportPeriodKind): Mover[] {
  return [...volumeMovers(groups, kind), ...handoffMovers(groups, kind)];
}

import {
  computeKpis,
  handedOff,
  KPI_DEFINITIONS,
  KPI_IDS,
  type KpiId,
  type KpiTicket,
  type KpiUnit,
  type PreparedDataset,
  type TicketFacts,
  withPeriod,
} from '@flowdesk/desk';
import { CHANNELS, type LocalizedText } from '@flowdesk/model';
import { kpiFigures, type ReportFigures } from './report-format.ts';
import {
  type GroupCounts,
  type GroupFigures,
  MOVER_DIMENSIONS,
  type Mover,
  topMovers,
} from './report-movers.ts';
import type { ReportPeriod } from './report-period.ts';
import { KPI_LABELS, REPORT_TEXT } from './report-texts.ts';

/**
 * A weekly, monthly or ad-hoc report as data (issue 14, item 4): every KPI
 * with its change against the previous period, the top movers, and the flow
 * versions published in the period. The page, the CSV, the email and the CLI
 * all render this one model. Pure: the service (report-service.ts) loads.
 */

export interface ReportKpi {
  id: KpiId;
  label: LocalizedText;
  unit: KpiUnit;
  better: 'higher' | 'lower';
  value: number | null;
  previous: number | null;
  change: number | null;
  target: number | null;
  /** The same numbers as the page, CSV and email write them. */
  display: ReportFigures;
}

export interface ReportVersion {
  flowId: string;
  flowName: LocalizedText;
  version: number;
  publishedAt: string;
  author: { id: string; name: string };
  note: string;
}

export interface ReportPeriodInfo {
  kind: ReportPeriod['kind'];
  key: string;
  firstDay: string;
  lastDay: string;
  from: string;
  to: string;
}

export interface ReportModel {
  title: LocalizedText;
  period: ReportPeriodInfo;
  previous: ReportPeriodInfo;
  timezone: string;
  kpis: ReportKpi[];
  movers: Mover[];
  versions: ReportVersion[];
  computedAt: string;
}

export interface ReportInputs {
  period: ReportPeriod;
  previous: ReportPeriod;
  /** Loaded over both periods (analytics-data.ts loadAnalytics). */
  prepared: PreparedDataset;
  targets: Partial<Record<KpiId, number>>;
  /** The flow whose execution made a ticket, or null (made by a person, an import). */
  flowOf: (ticket: KpiTicket) => string | null;
  flowNames: ReadonlyMap<string, LocalizedText>;
  versions: ReportVersion[];
  now: Date;
}

const iso = (ms: number) => new Date(ms).toISOString();

function periodInfo(period: ReportPeriod): ReportPeriodInfo {
  return {
    kind: period.kind,
    key: period.key,
    firstDay: period.firstDay,
    lastDay: period.lastDay,
    from: iso(period.from),
    to: iso(period.to),
  };
}

export function reportTitle(period: ReportPeriod): LocalizedText {
  if (period.kind === 'week') return REPORT_TEXT.weeklyTitle(period.key);
  if (period.kind === 'month') return REPORT_TEXT.monthlyTitle(period.key);
  return REPORT_TEXT.rangeTitle(period.key);
}

function reportKpis(inputs: ReportInputs): ReportKpi[] {
  const current = computeKpis(withPeriod(inputs.prepared, inputs.period));
  const before = computeKpis(withPeriod(inputs.prepared, inputs.previous));
  return KPI_IDS.map((id) => {
    const { unit, better } = KPI_DEFINITIONS[id];
    const value = current.values[id];
    const previous = before.values[id];
    const change = value !== null && previous !== null ? value - previous : null;
    return {
      id,
      label: KPI_LABELS[id],
      unit,
      better,
      value,
      previous,
      change,
      target: inputs.targets[id] ?? null,
      display: kpiFigures(unit, value, previous, change),
    };
  });
}

type Dimension = GroupFigures['dimension'];

const emptyCounts = (): GroupCounts => ({ volume: 0, flowTickets: 0, handoffs: 0 });

function groupName(
  dimension: Dimension,
  group: string | null,
  flowNames: ReadonlyMap<string, LocalizedText>,
) {
  if (group === null) return REPORT_TEXT.noGroup;
  if (dimension === 'channel')
    return CHANNELS.labels[group as keyof typeof CHANNELS.labels] ?? { 'zh-CN': group, en: group };
  if (dimension === 'flow') return flowNames.get(group) ?? { 'zh-CN': group, en: group };
  return { 'zh-CN': group, en: group };
}

/**
 * Counts each category, channel and flow in both periods: tickets created,
 * flow tickets and hand-offs (the hand-off rate's numerator and denominator,
 * docs/kpis.md). Tickets no flow made have no flow group.
 */
export function groupFigures(
  inputs: Pick<ReportInputs, 'period' | 'previous' | 'prepared' | 'flowOf' | 'flowNames'>,
): GroupFigures[] {
  const groups = new Map<string, GroupFigures>();
  const count = (facts: TicketFacts, which: 'current' | 'previous') => {
    const keys: Array<[Dimension, string | null]> = MOVER_DIMENSIONS.map((dimension) => [
      dimension,
      dimension === 'flow' ? inputs.flowOf(facts.ticket) : facts.ticket[dimension],
    ]);
    for (const [dimension, group] of keys) {
      if (dimension === 'flow' && group === null) continue;
      const id = `${dimension}\u0000${group ?? ''}\u0000${group === null ? 'none' : 'some'}`;
      let figures = groups.get(id);
      if (!figures) {
        figures = {
          dimension,
          group,
          name: groupName(dimension, group, inputs.flowNames),
          current: emptyCounts(),
          previous: emptyCounts(),
        };
        groups.set(id, figures);
      }
      const counts = figures[which];
      counts.volume += 1;
      if (facts.byFlow) counts.flowTickets += 1;
      if (facts.byFlow && handedOff(facts)) counts.handoffs += 1;
    }
  };
  const within = (at: number, period: ReportPeriod) => at >= period.from && at < period.to;
  for (const facts of inputs.prepared.facts) {
    if (within(facts.createdAt, inputs.period)) count(facts, 'current');
    else if (within(facts.createdAt, inputs.previous)) count(facts, 'previous');
  }
  return [...groups.values()];
}

export function buildReportModel(inputs: ReportInputs): ReportModel {
  return {
    title: reportTitle(inputs.period),
    period: periodInfo(inputs.period),
    previous: periodInfo(inputs.previous),
    timezone: inputs.period.timezone,
    kpis: reportKpis(inputs),
    movers: topMovers(groupFigures(inputs), inputs.period.kind),
    versions: inputs.versions,
    computedAt: inputs.now.toISOString(),
  };
}

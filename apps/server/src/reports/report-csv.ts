import type { Locale } from '@flowdesk/model';
import type { ReportModel } from './report-model.ts';
import type { Mover } from './report-movers.ts';
import { REPORT_TEXT, UNIT_LABELS } from './report-texts.ts';
import { localDateTime } from './report-time.ts';

/**
 * The report as CSV, headers in the reader's language. No CSV writer is
 * installed (only csv-parse, which the tests use to read this back), and
 * adding one is not possible here, so the quoting is RFC 4180 by hand: every
 * cell quoted, quotes doubled, CRLF between records. A cell a spreadsheet
 * would run as a formula (= + - @, tab or CR first) gets a leading apostrophe,
 * unless it is a plain signed number such as our own "-3" or "+1.5".
 * A UTF-8 byte-order mark lets Excel read Chinese text.
 */

const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvLines(rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function moverFigures(mover: Mover, locale: Locale): [string, string, string, string] {
  if (mover.metric === 'volume') {
    const sign = mover.change > 0 ? '+' : '';
    return [
      UNIT_LABELS.count[locale],
      String(mover.current),
      String(mover.previous),
      `${sign}${mover.change}`,
    ];
  }
  const pct = (ratio: number) => String(Math.round(ratio * 1000) / 10);
  const change = Math.round(mover.change * 1000) / 10;
  return [
    UNIT_LABELS.percent[locale],
    pct(mover.current),
    pct(mover.previous),
    `${change > 0 ? '+' : ''}${change}`,
  ];
}

export function reportCsv(report: ReportModel, locale: Locale): string {
  const t = (entry: { 'zh-CN': string; en: string }) => entry[locale];
  const rows: string[][] = [
    [
      t(REPORT_TEXT.section),
      t(REPORT_TEXT.item),
      t(REPORT_TEXT.unit),
      t(REPORT_TEXT.value),
      t(REPORT_TEXT.previous),
      t(REPORT_TEXT.change),
      t(REPORT_TEXT.details),
    ],
    [
      t(REPORT_TEXT.period),
      report.period.key,
      '',
      `${report.period.firstDay} – ${report.period.lastDay}`,
      `${report.previous.firstDay} – ${report.previous.lastDay}`,
      '',
      report.timezone,
    ],
  ];
  for (const kpi of report.kpis) {
    rows.push([
      t(REPORT_TEXT.kpi),
      t(kpi.label),
      t(kpi.display.unit),
      kpi.display.value ?? '',
      kpi.display.previous ?? '',
      kpi.display.change ?? '',
      kpi.display.value === null ? t(REPORT_TEXT.noData) : '',
    ]);
  }
  for (const mover of report.movers) {
    const metric = mover.metric === 'volume' ? REPORT_TEXT.volumeMetric : REPORT_TEXT.handoffMetric;
    const [unit, value, previous, change] = moverFigures(mover, locale);
    rows.push([
      t(REPORT_TEXT.movers),
      `${t(metric)}: ${t(mover.name)}`,
      unit,
      value,
      previous,
      change,
      t(mover.sentence),
    ]);
  }
  for (const version of report.versions) {
    rows.push([
      t(REPORT_TEXT.versions),
      `${t(version.flowName)} v${version.version}`,
      '',
      localDateTime(version.publishedAt, report.timezone),
      '',
      '',
      `${version.author.name}: ${version.note}`,
    ]);
  }
  return csvLines(rows);
}

export function reportCsvFileName(report: ReportModel): string {
  return `flowdesk-report-${report.period.key.replace(/\.\./g, '_')}.csv`;
}

import type { Locale } from '@flowdesk/model';
import { Liquid } from 'liquidjs';
import type { ReportModel } from './report-model.ts';
import { REPORT_TEXT } from './report-texts.ts';
import { localDateTime } from './report-time.ts';

/**
 * The report as one HTML document (the email's HTML part, `flowdesk report
 * --format html`): inline styles only, no script, no outside assets. Escaped
 * the way the customer pages are (http/customer-page.ts): LiquidJS with
 * `outputEscape: 'escape'`, so every value — flow names, notes, people's
 * names — is printed as text; only this fixed template is ever parsed.
 */

const TEMPLATE = `<!doctype html>
<html lang="{{ locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
  body{margin:0;padding:16px;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#fff}
  main{max-width:760px;margin:0 auto}
  h1{font-size:1.35rem;margin:0 0 4px}
  h2{font-size:1.1rem;margin:24px 0 8px}
  p{line-height:1.5;margin:4px 0}
  .muted{color:#59636e;font-size:.9rem}
  table{border-collapse:collapse;width:100%;font-size:.92rem}
  th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #d8dee4;vertical-align:top}
  td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
  @media print{body{padding:0}a{color:inherit}}
</style>
</head>
<body><main>
<h1>{{ title }}</h1>
<p class="muted">{{ periodLine }}</p>
{%- if intro %}<p>{{ intro }}</p>{% endif %}
<h2>{{ t.kpis }}</h2>
<table>
<thead><tr><th scope="col">{{ t.kpi }}</th><th scope="col">{{ t.value }}</th><th scope="col">{{ t.previous }}</th><th scope="col">{{ t.change }}</th></tr></thead>
<tbody>
{%- for kpi in kpis %}
<tr><th scope="row">{{ kpi.label }}</th><td class="num">{{ kpi.value }}</td><td class="num">{{ kpi.previous }}</td><td class="num">{{ kpi.change }}</td></tr>
{%- endfor %}
</tbody>
</table>
<h2>{{ t.movers }}</h2>
{%- if movers.size > 0 %}
<ul>{% for mover in movers %}<li>{{ mover }}</li>{% endfor %}</ul>
{%- else %}<p>{{ t.noMovers }}</p>{% endif %}
<h2>{{ t.versions }}</h2>
{%- if versions.size > 0 %}
<table>
<thead><tr><th scope="col">{{ t.flow }}</th><th scope="col">{{ t.version }}</th><th scope="col">{{ t.publishedAt }}</th><th scope="col">{{ t.publishedBy }}</th><th scope="col">{{ t.note }}</th></tr></thead>
<tbody>
{%- for version in versions %}
<tr><td>{{ version.flow }}</td><td class="num">v{{ version.number }}</td><td>{{ version.at }}</td><td>{{ version.by }}</td><td>{{ version.note }}</td></tr>
{%- endfor %}
</tbody>
</table>
{%- else %}<p>{{ t.noVersions }}</p>{% endif %}
<p class="muted">{{ computedAt }}</p>
{%- if footer %}<p class="muted">{{ footer }}</p>{% endif %}
</main></body>
</html>`;

const liquid = new Liquid({
  outputEscape: 'escape',
  strictVariables: true,
  strictFilters: true,
  lenientIf: true,
  ownPropertyOnly: true,
});
const template = liquid.parse(TEMPLATE);

/** A figure with its unit, or "no data"; the same strings the page and the CSV show. */
export function figureText(value: string | null, unit: string, noData: string): string {
  if (value === null) return noData;
  if (unit === '') return value;
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

export function periodLine(report: ReportModel, locale: Locale): string {
  return REPORT_TEXT.periodLine(
    report.period.firstDay,
    report.period.lastDay,
    report.previous.firstDay,
    report.previous.lastDay,
    report.timezone,
  )[locale];
}

export interface ReportHtmlOptions {
  /** The email's opening and closing lines. */
  email?: boolean;
}

export function reportHtml(report: ReportModel, locale: Locale, options: ReportHtmlOptions = {}): string {
  const noData = REPORT_TEXT.noData[locale];
  const t = Object.fromEntries(
    Object.entries(REPORT_TEXT)
      .filter(([, value]) => typeof value !== 'function')
      .map(([key, value]) => [key, (value as { 'zh-CN': string; en: string })[locale]]),
  );
  return liquid.renderSync(template, {
    locale,
    title: report.title[locale],
    periodLine: periodLine(report, locale),
    intro: options.email ? REPORT_TEXT.emailIntro[locale] : '',
    footer: options.email ? REPORT_TEXT.emailFooter[locale] : '',
    t,
    kpis: report.kpis.map((kpi) => ({
      label: kpi.label[locale],
      value: figureText(kpi.display.value, kpi.display.unit[locale], noData),
      previous: figureText(kpi.display.previous, kpi.display.unit[locale], noData),
      change: figureText(kpi.display.change, kpi.display.changeUnit[locale], '—'),
    })),
    movers: report.movers.map((mover) => mover.sentence[locale]),
    versions: report.versions.map((version) => ({
      flow: version.flowName[locale],
      number: version.version,
      at: localDateTime(version.publishedAt, report.timezone),
      by: version.author.name,
      note: version.note,
    })),
    computedAt: REPORT_TEXT.computedAt(localDateTime(report.computedAt, report.timezone))[locale],
  }) as string;
}

/** The plain-text part of the email, for mail readers without HTML. */
export function reportText(report: ReportModel, locale: Locale): string {
  const noData = REPORT_TEXT.noData[locale];
  const lines = [report.title[locale], periodLine(report, locale), '', `${REPORT_TEXT.kpis[locale]}:`];
  for (const kpi of report.kpis) {
    const value = figureText(kpi.display.value, kpi.display.unit[locale], noData);
    const change =
      kpi.display.change === null
        ? ''
        : ` (${figureText(kpi.display.change, kpi.display.changeUnit[locale], '')})`;
    lines.push(`- ${kpi.label[locale]}: ${value}${change}`);
  }
  lines.push('', `${REPORT_TEXT.movers[locale]}:`);
  if (report.movers.length === 0) lines.push(REPORT_TEXT.noMovers[locale]);
  for (const mover of report.movers) lines.push(`- ${mover.sentence[locale]}`);
  lines.push('', `${REPORT_TEXT.versions[locale]}:`);
  if (report.versions.length === 0) lines.push(REPORT_TEXT.noVersions[locale]);
  for (const version of report.versions) {
    lines.push(
      `- ${version.flowName[locale]} v${version.version}, ${localDateTime(version.publishedAt, report.timezone)}, ${version.author.name}${version.note ? `: ${version.note}` : ''}`,
    );
  }
  lines.push('', REPORT_TEXT.emailFooter[locale]);
  return lines.join('\n');
}

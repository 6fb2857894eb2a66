import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type LocalizedText, text } from '@flowdesk/model';
import { createStore, type Store } from '@flowdesk/store';
import { ConfigError, loadServerConfig } from '../../config/server-config.ts';
import { AppError } from '../../http/app-error.ts';
import { CLI_TEXT } from '../../messages/cli.messages.ts';
import { reportCsv } from '../../reports/report-csv.ts';
import { reportHtml } from '../../reports/report-html.ts';
import { dayRange, parseLocalDate, type ReportPeriod } from '../../reports/report-period.ts';
import { buildReport, REPORT_TIMEZONE } from '../../reports/report-service.ts';
import { type CliCommand, type CommandContext, EXIT } from './command.types.ts';

const REPORT_FORMATS = ['csv', 'html'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

const REPORT_TEXT = {
  usage: text(
    '用法：flowdesk report --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|html] [--out 文件]',
    'Usage: flowdesk report --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|html] [--out FILE]',
  ),
  badDate: (option: string, value: string) =>
    text(
      `--${option} 的值「${value}」不是 YYYY-MM-DD 格式的日期`,
      `--${option} "${value}" is not a date written YYYY-MM-DD`,
    ),
  reversed: (from: string, to: string) =>
    text(
      `开始日期 ${from} 晚于结束日期 ${to}，请交换两者`,
      `The start ${from} comes after the end ${to}; swap them`,
    ),
  badFormat: (value: string) =>
    text(`不支持的格式「${value}」，请用 csv 或 html`, `Unsupported format "${value}"; use csv or html`),
  written: (path: string) => text(`已写入 ${path}`, `Wrote ${path}`),
} satisfies Record<string, LocalizedText | ((...args: string[]) => LocalizedText)>;

/**
 * `flowdesk report --from --to --format csv|html`: the service report over
 * whole days (both included, in the workspace zone), compared with the same
 * number of days just before, from the configured store (FLOWDESK_DB or
 * MONGODB_URI). The same model, CSV and HTML as the web page and the email.
 */
export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'report --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|html] [--out FILE]',
  summary: text(
    '生成某段日期的服务报告（指标、变化最大的项、发布的流程版本）',
    'Write the service report of a date range (KPIs, top movers, flow versions published)',
  ),
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
  optionHelp: {
    from: text('第一天（含），按工作区时区', 'First day (included), in the workspace’s time zone'),
    to: text('最后一天（含）', 'Last day (included)'),
    format: text('csv（默认）或 html', 'csv (the default) or html'),
    out: text('写入文件而不是打印', 'Write to this file instead of printing'),
  },
  exitCodes: [
    [EXIT.ok, text('完成', 'Done')],
    [EXIT.unusable, text('参数、日期范围或配置有误', 'Wrong arguments, date range or configuration')],
  ],
  async run({ positionals, values }, context) {
    const { io, locale } = context;
    const fail = (message: LocalizedText) => {
      io.stderr(`${message[locale]}\n`);
      return EXIT.unusable;
    };
    const from = values.from;
    const to = values.to;
    if (positionals.length > 0 || typeof from !== 'string' || typeof to !== 'string') {
      return fail(CLI_TEXT.badArguments(REPORT_TEXT.usage[locale]));
    }
    const format = typeof values.format === 'string' ? values.format : 'csv';
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) return fail(REPORT_TEXT.badFormat(format));
    const first = parseLocalDate(from);
    if (!first) return fail(REPORT_TEXT.badDate('from', from));
    const last = parseLocalDate(to);
    if (!last) return fail(REPORT_TEXT.badDate('to', to));
    const period = dayRange(first, last, REPORT_TIMEZONE);
    if (!period) return fail(REPORT_TEXT.reversed(from, to));
    let store: Store;
    try {
      const config = loadServerConfig(io.env);
      store = await createStore(
        config.store.kind === 'mongo'
          ? { mongoUri: config.store.uri }
          : { sqlitePath: resolve(io.cwd, config.store.path) },
      );
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return fail(text(error.message, error.message));
    }
    try {
      return await writeReport(store, period, format as ReportFormat, values.out, context);
    } catch (error) {
      if (error instanceof AppError) return fail(error.messages);
      throw error;
    } finally {
      await store.close();
    }
  },
};

async function writeReport(
  store: Store,
  period: ReportPeriod,
  format: ReportFormat,
  out: unknown,
  { io, locale }: CommandContext,
) {
  const report = await buildReport({ store, clock: { now: () => new Date() } }, period);
  const document = format === 'csv' ? reportCsv(report, locale) : reportHtml(report, locale);
  if (typeof out === 'string') {
    const path = resolve(io.cwd, out);
    await writeFile(path, document, 'utf8');
    io.stdout(`${REPORT_TEXT.written(path)[locale]}\n`);
  } else {
    io.stdout(document);
  }
  return EXIT.ok;
}

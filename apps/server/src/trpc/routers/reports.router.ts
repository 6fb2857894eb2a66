import { z } from 'zod';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { reportCsv, reportCsvFileName } from '../../reports/report-csv.ts';
import {
  dayRange,
  parseLocalDate,
  periodContaining,
  REPORT_PERIOD_KINDS,
  type ReportPeriod,
} from '../../reports/report-period.ts';
import {
  ReportScheduleSchema,
  readReportSchedule,
  reportRecipientOptions,
  saveReportSchedule,
} from '../../reports/report-schedule.ts';
import { buildReport, REPORT_TIMEZONE } from '../../reports/report-service.ts';
import { procedure, router } from '../trpc.ts';

/**
 * Weekly and monthly reports (issue 14, item 4): the report model
 * (reports/report-model.ts) for a week or month holding a date, or for whole
 * days from–to; its CSV in the caller's language; and the emailed schedule
 * (admins, audited). A reversed range, a date that is not a day and a schedule
 * without recipients are translated refusals.
 */

const LocalDateInput = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ReportPeriodInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(REPORT_PERIOD_KINDS), date: LocalDateInput }),
  z.strictObject({ kind: z.literal('range'), from: LocalDateInput, to: LocalDateInput }),
]);
export type ReportPeriodInput = z.infer<typeof ReportPeriodInputSchema>;

function dateOf(value: string, pointer: string) {
  const date = parseLocalDate(value);
  if (!date) throw new AppError('bad_request', 'report_bad_date', { pointer, params: { value } });
  return date;
}

export function periodOf(input: ReportPeriodInput): ReportPeriod {
  if (input.kind !== 'range')
    return periodContaining(input.kind, dateOf(input.date, '/date'), REPORT_TIMEZONE);
  const period = dayRange(dateOf(input.from, '/from'), dateOf(input.to, '/to'), REPORT_TIMEZONE);
  if (!period) throw new AppError('bad_request', 'analytics_range_reversed', { pointer: '/to' });
  return period;
}

export const reportsRouter = router({
  /** The report of a week or month (any date in it), or of whole days from–to (both included). */
  get: procedure
    .meta({ roles: ROLES.analyticsReaders })
    .input(ReportPeriodInputSchema)
    .query(({ ctx, input }) => buildReport(ctx.services, periodOf(input))),

  /** The same report as CSV, headers in the caller's language. */
  csv: procedure
    .meta({ roles: ROLES.analyticsReaders })
    .input(ReportPeriodInputSchema)
    .query(async ({ ctx, input }) => {
      const report = await buildReport(ctx.services, periodOf(input));
      return { fileName: reportCsvFileName(report), content: reportCsv(report, ctx.locale) };
    }),

  /** Which reports are emailed to whom, and the users who may receive them. */
  schedule: procedure.meta({ roles: ROLES.admins }).query(async ({ ctx }) => ({
    schedule: await readReportSchedule(ctx.services.store),
    candidates: await reportRecipientOptions(ctx.services.store),
  })),

  /** Replaces the schedule; a cadence without recipients, or a recipient who may not read reports, is refused. */
  saveSchedule: procedure
    .meta({ roles: ROLES.admins })
    .input(ReportScheduleSchema)
    .mutation(async ({ ctx, input }) => {
      const saved = await saveReportSchedule(ctx.services.store, input, ctx.services.clock.now());
      await auditCall(ctx, 'reports.schedule_saved', 'reports.schedule', {
        weekly: saved.weekly,
        monthly: saved.monthly,
        recipients: saved.recipients.join(','),
      });
      return saved;
    }),
});

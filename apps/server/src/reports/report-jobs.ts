import type { Job, Store, StoreRepositories, User } from '@flowdesk/store';
import { z } from 'zod';
import type { Clock, IdSource } from '../app-deps.ts';
import type { DeskJobServices } from '../runtime/desk-job-services.ts';
import { JOB_KINDS, type OutboundMessage } from '../runtime/job-payloads.ts';
import { reportHtml, reportText } from './report-html.ts';
import type { ReportModel } from './report-model.ts';
import {
  localDateAt,
  nextPeriod,
  parseLocalDate,
  periodContaining,
  REPORT_PERIOD_KINDS,
  type ReportCadence,
  type ReportPeriod,
} from './report-period.ts';
import { mayReceiveReports, readReportSchedule } from './report-schedule.ts';
import { buildReport, REPORT_TIMEZONE } from './report-service.ts';

/**
 * Scheduled report emails as durable jobs: one job per cadence and period,
 * keyed by the period, runs once the period is over; each run enqueues the
 * next period's. A run builds the report once and enqueues one outbox email
 * per recipient, keyed by cadence, period and user: two replicas, a restart or
 * a retried job enqueue the same keys, so each recipient gets each period's
 * report once. Each recipient reads it in their own language.
 */
export const REPORT_DELIVER_JOB = 'reports.deliver';

/** Tickets made just before the period ended may still be committing; the report waits this long. */
export const REPORT_DELIVERY_DELAY_MS = 10 * 60 * 1000;

const ReportJobPayloadSchema = z.object({
  cadence: z.enum(REPORT_PERIOD_KINDS),
  firstDay: z.string(),
});

const jobKey = (cadence: ReportCadence, period: ReportPeriod) =>
  `${REPORT_DELIVER_JOB}:${cadence}:${period.key}`;

/** The outbox key of one recipient's copy of one period's report. */
export const reportEmailKey = (cadence: ReportCadence, period: ReportPeriod, userId: string) =>
  `report:${cadence}:${period.key}:${userId}`;

/** Queues the delivery of `period`'s report for when it is over; a second call for the same period changes nothing. */
export async function enqueueReportDelivery(
  repos: Pick<StoreRepositories, 'jobs'>,
  cadence: ReportCadence,
  period: ReportPeriod,
  id: string,
  now: Date,
): Promise<void> {
  await repos.jobs.enqueue({
    id,
    kind: REPORT_DELIVER_JOB,
    runAt: new Date(period.to + REPORT_DELIVERY_DELAY_MS).toISOString(),
    payload: { cadence, firstDay: period.firstDay },
    idempotencyKey: jobKey(cadence, period),
    now: now.toISOString(),
  });
}

/** At start: makes sure this week's and this month's deliveries are queued (every replica may call it). */
export async function scheduleReportDeliveries(store: Store, clock: Clock, ids: IdSource): Promise<void> {
  const now = clock.now();
  const today = localDateAt(now.getTime(), REPORT_TIMEZONE);
  for (const cadence of REPORT_PERIOD_KINDS) {
    await enqueueReportDelivery(
      store,
      cadence,
      periodContaining(cadence, today, REPORT_TIMEZONE),
      ids.next(),
      now,
    );
  }
}

/** One recipient's email: the text part and the escaped HTML part, in their language. */
export function reportEmail(report: ReportModel, user: Pick<User, 'email' | 'locale'>): OutboundMessage {
  return {
    channel: 'email',
    to: user.email,
    subject: report.title[user.locale],
    body: reportText(report, user.locale),
    html: reportHtml(report, user.locale, { email: true }),
  };
}

export class ReportJobs {
  constructor(private readonly services: DeskJobServices) {}

  async run(job: Job, complete: (tx: StoreRepositories) => Promise<void>): Promise<void> {
    const { store, desk, log } = this.services;
    const now = desk.clock.now();
    const parsed = ReportJobPayloadSchema.safeParse(job.payload);
    const firstDay = parsed.success ? parseLocalDate(parsed.data.firstDay) : null;
    const cadence = parsed.success ? parsed.data.cadence : null;
    const period = cadence && firstDay ? periodContaining(cadence, firstDay, REPORT_TIMEZONE) : null;
    if (!cadence || !period) log.error('report job payload does not parse', { jobId: job.id });
    const recipients = cadence && period ? await this.recipients(cadence) : [];
    const report =
      period && recipients.length > 0 ? await buildReport({ store, clock: desk.clock }, period) : null;
    await store.transaction(async (tx) => {
      if (report && cadence && period) {
        for (const user of recipients) {
          await tx.jobs.enqueue({
            id: desk.ids.next(),
            kind: JOB_KINDS.deliver,
            runAt: now.toISOString(),
            payload: { ...reportEmail(report, user) },
            idempotencyKey: reportEmailKey(cadence, period, user.id),
            now: now.toISOString(),
          });
        }
        log.info('report emails queued', { cadence, period: period.key, recipients: recipients.length });
      }
      for (const [kind, next] of this.nextDeliveries(cadence, period, now)) {
        await enqueueReportDelivery(tx, kind, next, desk.ids.next(), now);
      }
      await complete(tx);
    });
  }

  /** The schedule's recipients who may still read reports; nobody when this cadence is off. */
  private async recipients(cadence: ReportCadence): Promise<User[]> {
    const schedule = await readReportSchedule(this.services.store);
    const on = cadence === 'week' ? schedule.weekly : schedule.monthly;
    if (!on) return [];
    const wanted = new Set(schedule.recipients);
    return (await this.services.store.users.list()).filter(
      (user) => wanted.has(user.id) && mayReceiveReports(user),
    );
  }

  /** The chain: the next period (one that is already over, after the server was down, runs at once and sends its report too). */
  private nextDeliveries(
    cadence: ReportCadence | null,
    period: ReportPeriod | null,
    now: Date,
  ): Array<[ReportCadence, ReportPeriod]> {
    const today = localDateAt(now.getTime(), REPORT_TIMEZONE);
    if (!cadence || !period) {
      return REPORT_PERIOD_KINDS.map((kind) => [kind, periodContaining(kind, today, REPORT_TIMEZONE)]);
    }
    return [[cadence, nextPeriod(period, cadence)]];
  }
}

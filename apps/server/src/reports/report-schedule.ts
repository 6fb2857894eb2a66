import type { Store, User } from '@flowdesk/store';
import { z } from 'zod';
import { ROLES, roleAllowed } from '../auth/roles.ts';
import { AppError } from '../http/app-error.ts';

/**
 * Which reports are emailed, and to whom (setting `reports.schedule`, saved by
 * admins, audited). Recipients are users who may read analytics; each gets
 * the report in their own language. A stored value that no longer parses
 * reads as "nothing scheduled" rather than failing the job or the page.
 */
export const REPORT_SCHEDULE_KEY = 'reports.schedule';
export const MAX_REPORT_RECIPIENTS = 50;

export const ReportScheduleSchema = z.strictObject({
  weekly: z.boolean(),
  monthly: z.boolean(),
  recipients: z.array(z.string().trim().min(1).max(200)).max(MAX_REPORT_RECIPIENTS),
});
export type ReportSchedule = z.infer<typeof ReportScheduleSchema>;

export const NO_REPORT_SCHEDULE: ReportSchedule = { weekly: false, monthly: false, recipients: [] };

type SettingsRepos = Pick<Store, 'workspaceSettings'>;

export async function readReportSchedule(repos: SettingsRepos): Promise<ReportSchedule> {
  const parsed = ReportScheduleSchema.safeParse(await repos.workspaceSettings.get(REPORT_SCHEDULE_KEY));
  return parsed.success ? parsed.data : NO_REPORT_SCHEDULE;
}

/** Active users who may read the reports: the people a schedule can send to. */
export function mayReceiveReports(user: User): boolean {
  return user.deactivatedAt === null && roleAllowed(user.role, ROLES.analyticsReaders);
}

export interface ReportRecipientOption {
  id: string;
  name: string;
  email: string;
  role: User['role'];
}

export async function reportRecipientOptions(store: Store): Promise<ReportRecipientOption[]> {
  return (await store.users.list())
    .filter(mayReceiveReports)
    .map(({ id, name, email, role }) => ({ id, name, email, role }));
}

/** Checks and stores a schedule; a refused one changes nothing. */
export async function saveReportSchedule(
  store: Store,
  input: ReportSchedule,
  now: Date,
): Promise<ReportSchedule> {
  const recipients = [...new Set(input.recipients)];
  if ((input.weekly || input.monthly) && recipients.length === 0) {
    throw new AppError('bad_request', 'report_no_recipients', { pointer: '/recipients' });
  }
  const users = new Map((await store.users.list()).map((user) => [user.id, user]));
  for (const [index, id] of recipients.entries()) {
    const user = users.get(id);
    if (!user || !mayReceiveReports(user)) {
      throw new AppError('bad_request', 'report_unknown_recipient', {
        pointer: `/recipients/${index}`,
        params: { id },
      });
    }
  }
  const schedule = { weekly: input.weekly, monthly: input.monthly, recipients };
  await store.workspaceSettings.set(REPORT_SCHEDULE_KEY, schedule, now.toISOString());
  return schedule;
}

import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

/**
 * reports.* over tRPC (issue 14, item 4): who may read reports and set their
 * schedule, the refusals, and a report and its CSV holding the same figures.
 * The bed's clock starts on Sunday 22 November 2026 at 08:00 UTC (16:00 in
 * Shanghai), the last day of ISO week 2026-W47.
 */

const WEEK = { kind: 'week', date: '2026-11-22' } as const;

describe('reports procedures', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(() => bed.close());

  it('lets admins, supervisors and editors read reports, and only admins see or set the schedule', async () => {
    for (const role of ['agent', 'viewer'] as const) {
      const caller = bed.callerAs(bed.users[role]);
      await expect(caller.reports.get(WEEK)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.reports.csv(WEEK)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const role of ['admin', 'supervisor', 'editor'] as const) {
      const report = await bed.callerAs(bed.users[role]).reports.get(WEEK);
      expect(report.period).toMatchObject({ key: '2026-W47', firstDay: '2026-11-16', lastDay: '2026-11-22' });
    }
    for (const role of ['supervisor', 'editor', 'agent', 'viewer'] as const) {
      const caller = bed.callerAs(bed.users[role]);
      await expect(caller.reports.schedule()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        caller.reports.saveSchedule({ weekly: true, monthly: false, recipients: [bed.users[role].id] }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(bed.callerAs(null).reports.get(WEEK)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses a reversed range, a day that does not exist and a malformed date, in both languages', async () => {
    const supervisor = bed.callerAs(bed.users.supervisor);
    const reversed = await supervisor.reports
      .get({ kind: 'range', from: '2026-11-20', to: '2026-11-01' })
      .catch((caught) => caught);
    expect(reversed).toMatchObject({ code: 'BAD_REQUEST', cause: { code: 'analytics_range_reversed' } });
    expect(reversed.cause.messages.en).toBe('The start must come before the end');
    const noDay = await supervisor.reports
      .csv({ kind: 'month', date: '2026-02-30' })
      .catch((caught) => caught);
    expect(noDay).toMatchObject({ code: 'BAD_REQUEST', cause: { code: 'report_bad_date' } });
    expect(noDay.cause.messages['zh-CN']).toBe('「2026-02-30」不是 YYYY-MM-DD 格式的日期');
    await expect(supervisor.reports.get({ kind: 'week', date: '22/11/2026' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(supervisor.reports.get({ kind: 'year', date: '2026-11-22' } as never)).rejects.toMatchObject(
      {
        code: 'BAD_REQUEST',
      },
    );
    await expect(
      supervisor.reports.get({ kind: 'range', from: '2025-01-01', to: '2026-11-22' }),
    ).rejects.toMatchObject({ cause: { code: 'analytics_range_too_long' } });
  });

  it('refuses a schedule without recipients or with one who may not read reports, changing nothing; saves and audits a good one', async () => {
    const admin = bed.callerAs(bed.users.admin);
    const empty = await admin.reports
      .saveSchedule({ weekly: true, monthly: false, recipients: [] })
      .catch((caught) => caught);
    expect(empty).toMatchObject({ code: 'BAD_REQUEST', cause: { code: 'report_no_recipients' } });
    expect(empty.cause.messages).toEqual({
      'zh-CN': '定时发送报告需要至少选择一位收件人',
      en: 'Choose at least one recipient to send reports on a schedule',
    });
    await expect(
      admin.reports.saveSchedule({ weekly: false, monthly: true, recipients: [bed.users.agent.id] }),
    ).rejects.toMatchObject({ cause: { code: 'report_unknown_recipient' } });
    await expect(
      admin.reports.saveSchedule({ weekly: true, monthly: true, recipients: ['nobody'] }),
    ).rejects.toMatchObject({ cause: { code: 'report_unknown_recipient' } });
    expect((await admin.reports.schedule()).schedule).toEqual({
      weekly: false,
      monthly: false,
      recipients: [],
    });

    const recipients = [bed.users.supervisor.id, bed.users.editor.id, bed.users.supervisor.id];
    const saved = await admin.reports.saveSchedule({ weekly: true, monthly: false, recipients });
    expect(saved).toEqual({ weekly: true, monthly: false, recipients: recipients.slice(0, 2) });
    const read = await admin.reports.schedule();
    expect(read.schedule).toEqual(saved);
    // Agents and viewers may not read analytics, so they are not offered.
    expect(read.candidates.map((user) => user.role).sort()).toEqual(['admin', 'editor', 'supervisor']);
    const audit = await bed.store.audit.list({ action: 'reports.schedule_saved' });
    expect(audit.items).toMatchObject([
      {
        target: 'reports.schedule',
        actor: { id: bed.users.admin.id },
        details: { weekly: true, monthly: false },
      },
    ]);
    // Everything off needs nobody.
    await expect(
      admin.reports.saveSchedule({ weekly: false, monthly: false, recipients: [] }),
    ).resolves.toEqual({
      weekly: false,
      monthly: false,
      recipients: [],
    });
  });

  it('reports the week’s KPIs and the CSV in the caller’s language carries the same figures', async () => {
    await seedDesk(bed);
    const supervisor = bed.callerAs(bed.users.supervisor);
    const report = await supervisor.reports.get(WEEK);
    const volume = report.kpis.find((kpi) => kpi.id === 'volume');
    expect(volume).toMatchObject({ value: 1, previous: 0, change: 1 });
    expect(report.movers.map((mover) => mover.sentence.en)).toContain(
      'Channel “Email”: 1 tickets, up 1 from 0 in the previous week.',
    );

    const csv = await supervisor.reports.csv(WEEK);
    expect(csv.fileName).toBe('flowdesk-report-2026-W47.csv');
    const rows: string[][] = parse(csv.content, { bom: true });
    expect(rows[0]).toEqual([
      'Section',
      'Item',
      'Unit',
      'This period',
      'Previous period',
      'Change',
      'Details',
    ]);
    expect(rows.find((row) => row[1] === 'Requests')).toEqual([
      'KPI',
      'Requests',
      'tickets',
      '1',
      '0',
      '+1',
      '',
    ]);
    expect(rows.find((row) => row[1] === 'CSAT (mean)')).toEqual([
      'KPI',
      'CSAT (mean)',
      'of 5',
      '',
      '',
      '',
      'no data',
    ]);

    await bed.store.users.update(bed.users.supervisor.id, { locale: 'zh-CN' });
    const chinese = await bed.callerAs({ ...bed.users.supervisor, locale: 'zh-CN' }).reports.csv(WEEK);
    const zhRows: string[][] = parse(chinese.content, { bom: true });
    expect(zhRows[0]?.[0]).toBe('部分');
    expect(zhRows.find((row) => row[1] === '请求量')?.slice(3, 6)).toEqual(['1', '0', '+1']);
  });
});

import { createSmtpSender, type SmtpSender, SmtpSink } from '@flowdesk/connectors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelOutbox } from '../runtime/outbox/channel-outbox.ts';
import { connectChannels } from '../runtime/outbox/outbox-channels.ts';
import {
  createRuntimeHarness,
  edge,
  graph,
  node,
  type RuntimeHarness,
  sequentialIds,
} from '../runtime/runtime-test-kit.ts';
import { REPORT_DELIVER_JOB, REPORT_DELIVERY_DELAY_MS, scheduleReportDeliveries } from './report-jobs.ts';
import { saveReportSchedule } from './report-schedule.ts';

/**
 * The weekly report email, end to end through the outbox to a loopback SMTP
 * server: sent once per recipient and week — with two replicas scheduling it,
 * a second run of the same week and a restart — each in the recipient's
 * language, its HTML escaped. The harness clock starts on Sunday 22 November
 * 2026, 09:00 in Shanghai: the last day of week 2026-W47.
 */

const WEEK_END = Date.parse('2026-11-22T16:00:00Z');
const HOUR = 3_600_000;

describe('scheduled report emails', () => {
  let harness: RuntimeHarness;
  let smtp: SmtpSink;
  let sender: SmtpSender;

  beforeEach(async () => {
    smtp = new SmtpSink();
    sender = createSmtpSender({
      url: await smtp.start(),
      from: 'FlowDesk <desk@flowdesk.test>',
      timeoutMs: 2000,
    });
    harness = await createRuntimeHarness({ outbox: connectChannels(new ChannelOutbox(), { email: sender }) });
    const { store } = harness;
    const now = harness.clock.now().toISOString();
    const person = (id: string, role: 'supervisor' | 'editor' | 'agent', locale: 'zh-CN' | 'en') =>
      store.users.create({
        id,
        email: `${id}@flowdesk.test`,
        name: id === 'u1' ? '王经理 <Ops>' : id,
        role,
        locale,
        passwordHash: 'x',
        createdAt: now,
      });
    await person('u1', 'supervisor', 'zh-CN');
    await person('editor-kim', 'editor', 'en');
    await person('agent-lee', 'agent', 'en');
    await saveReportSchedule(
      store,
      { weekly: true, monthly: false, recipients: ['u1', 'editor-kim'] },
      harness.clock.now(),
    );
    // Published this week by u1 (the harness's author), with a note that must arrive as text.
    const start = node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] });
    const reply = node('reply', 'action.create_ticket', {
      title: '{{ request.message }}',
      description: '',
      priority: 'medium',
      customFields: {},
    });
    await store.flows.create({
      id: 'flow-intake',
      workspaceId: 'default',
      name: 'Intake <b>bold</b>',
      draft: graph([start, reply], [edge('start', 'next', 'reply')]),
      createdBy: 'u1',
      now,
    });
    await harness.publish('flow-intake', graph([start, reply], [edge('start', 'next', 'reply')]));
  });

  afterEach(async () => {
    sender.close();
    await smtp.stop();
    await harness.close();
  });

  it('emails each recipient the week’s report once, in their language, whoever schedules or reruns it', async () => {
    const { store, clock } = harness;
    // Two replicas start: one delivery per cadence is queued.
    await scheduleReportDeliveries(store, clock, sequentialIds('replica-a'));
    await scheduleReportDeliveries(store, clock, sequentialIds('replica-b'));
    const pending = await store.jobs.list({ kind: REPORT_DELIVER_JOB, status: 'pending' });
    expect(
      pending.map((job) => job.payload).sort((a, b) => String(a.cadence).localeCompare(String(b.cadence))),
    ).toEqual([
      { cadence: 'month', firstDay: '2026-11-01' },
      { cadence: 'week', firstDay: '2026-11-16' },
    ]);
    await harness.drain();
    expect(smtp.received).toHaveLength(0);

    clock.advance(WEEK_END + REPORT_DELIVERY_DELAY_MS - clock.now().getTime());
    await harness.drain();
    expect(smtp.received.map((mail) => mail.to[0]).sort()).toEqual([
      'editor-kim@flowdesk.test',
      'u1@flowdesk.test',
    ]);
    const toManager = smtp.received.find((mail) => mail.to.includes('u1@flowdesk.test'))?.mail;
    const toEditor = smtp.received.find((mail) => mail.to.includes('editor-kim@flowdesk.test'))?.mail;
    expect(toManager?.subject).toBe('服务周报 2026-W47');
    expect(toManager?.text).toContain('请求量: 0');
    expect(toEditor?.subject).toBe('Weekly service report 2026-W47');
    expect(toEditor?.text).toContain(
      '2026-11-16 to 2026-11-22 (Asia/Shanghai), compared with 2026-11-09 to 2026-11-15',
    );
    // The HTML part is the report's own, every value escaped.
    const html = String(toEditor?.html);
    expect(html).toContain('<th scope="row">Requests</th>');
    expect(html).toContain('Intake &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('王经理 &lt;Ops&gt;');
    expect(html).not.toContain('<b>bold</b>');

    // The same week again (a retried or second replica's job without the schedule's key), and a restart.
    await store.jobs.enqueue({
      id: 'rerun',
      kind: REPORT_DELIVER_JOB,
      runAt: clock.now().toISOString(),
      payload: { cadence: 'week', firstDay: '2026-11-16' },
      now: clock.now().toISOString(),
    });
    await scheduleReportDeliveries(store, clock, sequentialIds('restart'));
    await harness.drain();
    expect(await store.jobs.get('rerun')).toMatchObject({ status: 'completed' });
    expect(smtp.received).toHaveLength(2);

    // The chain goes on: next week's delivery is queued; the month's waits for November's end.
    const next = await store.jobs.list({ kind: REPORT_DELIVER_JOB, status: 'pending' });
    expect(next.map((job) => job.payload.firstDay).sort()).toEqual(['2026-11-01', '2026-11-23']);
  });

  it('sends nothing for a cadence that is off, and still queues the next period', async () => {
    const { store, clock } = harness;
    await saveReportSchedule(store, { weekly: false, monthly: false, recipients: [] }, clock.now());
    await scheduleReportDeliveries(store, clock, sequentialIds('replica-a'));
    clock.advance(WEEK_END + REPORT_DELIVERY_DELAY_MS + HOUR - clock.now().getTime());
    await harness.drain();
    expect(smtp.received).toHaveLength(0);
    const next = await store.jobs.list({ kind: REPORT_DELIVER_JOB, status: 'pending' });
    expect(next.map((job) => job.payload.firstDay).sort()).toEqual(['2026-11-01', '2026-11-23']);
  });
});

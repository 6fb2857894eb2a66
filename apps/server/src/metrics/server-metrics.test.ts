import { describe, expect, it } from 'vitest';
import { createServerMetrics } from './server-metrics.ts';

function line(text: string, start: string): string | undefined {
  return text.split('\n').find((row) => row.startsWith(start));
}

describe('createServerMetrics', () => {
  it('keeps each instance apart: counts in one never show in another', async () => {
    const first = createServerMetrics({ processMetrics: false });
    const second = createServerMetrics({ processMetrics: false });
    first.intakeAccepted('api');
    expect(line((await first.render()).body, 'flowdesk_intake_accepted_total{')).toBe(
      'flowdesk_intake_accepted_total{channel="api"} 1',
    );
    expect(line((await second.render()).body, 'flowdesk_intake_accepted_total{')).toBeUndefined();
  });

  it('sorts ended executions into finished (with their status) and failed, and counts retries and give-ups', async () => {
    const metrics = createServerMetrics({ processMetrics: false });
    metrics.executionEnded('refunds', 'completed');
    metrics.executionEnded('refunds', 'cancelled');
    metrics.executionEnded('refunds', 'failed');
    metrics.outboxAttempt('email', 'retrying', 1);
    metrics.outboxAttempt('email', 'retrying', 2);
    metrics.outboxAttempt('email', 'gave_up', 3);
    const { body } = await metrics.render();
    expect(body).toContain('flowdesk_executions_finished_total{flow_id="refunds",status="completed"} 1');
    expect(body).toContain('flowdesk_executions_finished_total{flow_id="refunds",status="cancelled"} 1');
    expect(body).toContain('flowdesk_executions_failed_total{flow_id="refunds"} 1');
    expect(body).toContain('flowdesk_outbox_deliveries_total{channel="email",outcome="retrying"} 2');
    expect(body).toContain('flowdesk_outbox_deliveries_total{channel="email",outcome="gave_up"} 1');
    expect(body).toContain('flowdesk_outbox_retries_total{channel="email"} 2');
  });

  it('reads the queue once per scrape, shows no lag when nothing is due, and still answers when the store cannot', async () => {
    const metrics = createServerMetrics({ processMetrics: false });
    let reads = 0;
    metrics.collectQueueFrom(async () => {
      reads++;
      return {
        now: new Date('2026-11-22T08:00:00.000Z'),
        stats: { pending: 4, running: 1, due: 0, oldestDueAt: null },
      };
    });
    const { body, contentType } = await metrics.render();
    expect(contentType).toContain('text/plain');
    expect(reads).toBe(1);
    expect(body).toContain('flowdesk_job_queue_depth{state="pending"} 4');
    expect(body).toContain('flowdesk_job_queue_depth{state="running"} 1');
    expect(body).toContain('flowdesk_job_queue_lag_seconds 0');

    metrics.collectQueueFrom(() => Promise.reject(new Error('store closed')));
    metrics.intakeAccepted('email');
    const after = (await metrics.render()).body;
    expect(line(after, 'flowdesk_job_queue_depth{')).toBeUndefined();
    expect(after).toContain('flowdesk_intake_accepted_total{channel="email"} 1');
  });

  it('never observes a negative lateness (a timer run early by another clock is retried, not late)', async () => {
    const metrics = createServerMetrics({ processMetrics: false });
    metrics.timerFired('timer', -0.4);
    const { body } = await metrics.render();
    expect(body).toContain('flowdesk_timer_lateness_seconds_sum{kind="timer"} 0');
    expect(body).toContain('flowdesk_timer_lateness_seconds_bucket{le="0.1",kind="timer"} 1');
  });
});

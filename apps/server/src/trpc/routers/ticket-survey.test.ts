import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

describe('tickets.sendSurvey', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(() => bed.close());

  it("sends the ticket's customer a single-use survey link through the outbox, outside any flow", async () => {
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent).tickets;
    const sent = await agent.sendSurvey({ id: ticket.id, kind: 'csat', channel: 'email' });
    expect(sent).toMatchObject({ channel: 'email' });

    const [delivery] = await bed.store.jobs.list({ kind: 'outbox.deliver' });
    expect(delivery?.payload).toMatchObject({
      channel: 'email',
      to: 'wang@example.cn',
      subject: '请为我们的服务打分',
    });
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(String(delivery?.payload.body))?.[1] ?? '';
    expect(token.length).toBeGreaterThan(20);
    const survey = await bed.store.surveys.get(sent.surveyId);
    expect(survey).toMatchObject({ kind: 'csat', ticketId: ticket.id, executionId: null });
    expect(JSON.stringify(survey)).not.toContain(token);
    const history = await bed.store.ticketHistory.list(ticket.id);
    expect(history.at(-1)).toMatchObject({
      field: 'survey',
      to: 'csat',
      actor: { kind: 'user', id: bed.users.agent.id },
    });

    const sms = await agent.sendSurvey({ id: ticket.id, kind: 'nps', channel: 'sms' });
    const smsJob = (await bed.store.jobs.list({ kind: 'outbox.deliver' })).find(
      (job) => job.payload.channel === 'sms',
    );
    expect(sms.channel).toBe('sms');
    expect(smsJob?.payload.to).toBe('+8613812345678');
  });

  it('refuses an unknown ticket and a viewer', async () => {
    const ticket = await seedDesk(bed);
    await expect(bed.callerAs(bed.users.agent).tickets.sendSurvey({ id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(bed.callerAs(bed.users.viewer).tickets.sendSurvey({ id: ticket.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

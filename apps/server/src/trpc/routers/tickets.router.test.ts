import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

describe('tickets router: agent actions', () => {
  it('claim → reply → resolve → reopen, each recorded with the signed-in user as actor', async () => {
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent).tickets;
    expect((await agent.teamQueue({ teamId: 'after_sales' })).map((entry) => entry.id)).toEqual([ticket.id]);

    expect(await agent.claim({ id: ticket.id })).toMatchObject({ assignee: 'agent-li', status: 'assigned' });
    expect((await agent.myQueue()).map((entry) => entry.number)).toEqual([ticket.number]);

    const replied = await agent.reply({ id: ticket.id, body: '您好，已为您安排退货。' });
    expect(replied).toMatchObject({ queued: true, channel: 'email' });
    expect(replied.ticket.firstRespondedAt).not.toBeNull();
    const [delivery] = await bed.store.jobs.list({ kind: 'outbox.deliver' });
    expect(delivery?.payload).toMatchObject({
      channel: 'email',
      to: 'wang@example.cn',
      subject: `Re: [${ticket.number}] 鞋子尺码不对，想退货`,
      body: '您好，已为您安排退货。',
    });

    await agent.changeStatus({ id: ticket.id, status: 'in_progress' });
    await agent.changePriority({ id: ticket.id, priority: 'urgent' });
    await agent.addNote({ id: ticket.id, body: '客户是老顾客，优先处理' });
    expect(await agent.resolve({ id: ticket.id, solution: '已寄出退货标签' })).toMatchObject({
      status: 'resolved',
      solution: '已寄出退货标签',
    });
    expect(await agent.reopen({ id: ticket.id, note: '客户说还没收到' })).toMatchObject({
      status: 'in_progress',
    });

    const detail = await agent.get({ id: ticket.id });
    const byUser = detail.history.filter((entry) => entry.actor.id === bed.users.agent.id);
    expect(byUser.map((entry) => `${entry.field}:${String(entry.to)}`)).toEqual(
      expect.arrayContaining([
        'assignee:agent-li',
        'reply:您好，已为您安排退货。',
        'priority:urgent',
        'status:resolved',
        'solution:已寄出退货标签',
        'status:in_progress',
      ]),
    );
    expect(detail.notes?.map((note) => note.body)).toEqual(['客户是老顾客，优先处理']);
    expect(detail.customer).toMatchObject({ email: '***********e.cn', masked: true });
    expect(detail.allowedTransitions).toContain('resolved');
    const events = (await bed.store.jobs.list({ kind: 'ticket.event' })).map(
      (job) => (job.payload as { event: string }).event,
    );
    expect(events).toEqual(expect.arrayContaining(['assigned', 'status_changed']));
  });

  it('answers 409 with the allowed transitions for resolving a closed ticket, and 404 for an unknown one', async () => {
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent).tickets;
    await agent.changeStatus({ id: ticket.id, status: 'closed' });
    const refused = await agent.resolve({ id: ticket.id, solution: 'x' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      cause: {
        code: 'invalid_transition',
        extra: { from: 'closed', to: 'resolved', allowed: ['in_progress'] },
      },
    });
    await expect(agent.claim({ id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { messages: { en: 'Ticket nope does not exist' } },
    });
  });

  it('refuses a solution over 100 characters with a pointer, and viewers and editors entirely', async () => {
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent).tickets;
    await agent.changeStatus({ id: ticket.id, status: 'in_progress' });
    const tooLong = await agent
      .resolve({ id: ticket.id, solution: '好'.repeat(101) })
      .catch((error: unknown) => error);
    expect(tooLong).toMatchObject({ code: 'BAD_REQUEST', cause: { pointer: '/solution' } });
    await expect(bed.callerAs(bed.users.viewer).tickets.claim({ id: ticket.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      bed.callerAs(bed.users.editor).tickets.reply({ id: ticket.id, body: 'hi' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(bed.callerAs(bed.users.admin).tickets.myQueue()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      cause: { code: 'no_agent_profile' },
    });
  });
});

describe('tickets router: reading', () => {
  it('lists with filters, text search on number or title, and paging', async () => {
    const first = await seedDesk(bed);
    const viewer = bed.callerAs(bed.users.viewer).tickets;
    const page = await viewer.list({ search: first.number.slice(-5) });
    expect(page).toMatchObject({ total: 1, truncated: false });
    expect(page.items[0]?.id).toBe(first.id);
    expect((await viewer.list({ search: '尺码' })).total).toBe(1);
    expect((await viewer.list({ search: 'nothing like it' })).items).toEqual([]);
    expect((await viewer.list({ status: ['closed'] })).total).toBe(0);
    expect((await viewer.list({ assignee: null, team: 'after_sales' })).total).toBe(1);
    expect((await viewer.list({ offset: 1, limit: 10 })).items).toEqual([]);
    await expect(viewer.list({ limit: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('finds a whole ticket number by its index, however many newer tickets there are, with the other filters', async () => {
    const first = await seedDesk(bed);
    // The text search only scans the newest 1,000; a whole number must be found beyond them.
    const scanSpy = vi.spyOn(bed.store.tickets, 'list');
    const viewer = bed.callerAs(bed.users.viewer).tickets;
    const page = await viewer.list({ search: ` ${first.number.toLowerCase()} ` });
    expect(page).toMatchObject({ total: 1, truncated: false });
    expect(page.items[0]?.id).toBe(first.id);
    expect(scanSpy).not.toHaveBeenCalled();
    scanSpy.mockRestore();
    expect((await viewer.list({ search: first.number, status: ['closed'] })).total).toBe(0);
    expect((await viewer.list({ search: first.number, team: 'after_sales' })).total).toBe(1);
    expect((await viewer.list({ search: 'CS20990101999' })).items).toEqual([]);
  });

  it('hides internal notes and masks the customer for a viewer', async () => {
    const ticket = await seedDesk(bed);
    await bed.callerAs(bed.users.agent).tickets.addNote({ id: ticket.id, body: 'internal only' });
    const seen = await bed.callerAs(bed.users.viewer).tickets.get({ id: ticket.id });
    expect(seen.notes).toBeUndefined();
    expect(seen.customer).toMatchObject({ masked: true, phone: expect.stringMatching(/\*+5678$/) });
    expect(await bed.callerAs(bed.users.viewer).customers.get({ id: 'cust-1' })).toMatchObject({
      masked: true,
      email: expect.not.stringContaining('wang'),
    });
    // Agents read it masked too; they reveal one ticket's contact (tickets.revealContact).
    expect(await bed.callerAs(bed.users.agent).customers.get({ id: 'cust-1' })).toMatchObject({
      masked: true,
      email: '***********e.cn',
    });
    await expect(bed.callerAs(bed.users.agent).customers.get({ id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

describe('messages router', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
    await bed.store.agents.create({
      id: 'agent-1',
      workspaceId: 'default',
      userId: bed.users.agent.id,
      name: 'Agent',
      teams: ['after_sales'],
      skills: [],
      capacity: 5,
      online: true,
      activeCount: 0,
      lastAssignedAt: null,
    });
  });
  afterEach(() => bed.close());

  it('lets editors write message templates and refuses an empty body', async () => {
    const editor = bed.callerAs(bed.users.editor);
    await editor.messages.saveTemplate({
      id: 'ack',
      name: '受理通知',
      channel: 'email',
      subject: { 'zh-CN': '工单 {{ ticket.number }}', en: 'Ticket {{ ticket.number }}' },
      body: { 'zh-CN': '您好 {{ customer.name }}', en: 'Hello {{ customer.name }}' },
    });
    expect((await editor.messages.templates()).map((template) => template.id)).toEqual(['ack']);
    expect((await editor.messages.template({ id: 'ack' })).body['zh-CN']).toBe('您好 {{ customer.name }}');
    await expect(
      editor.messages.saveTemplate({
        id: 'empty',
        name: 'x',
        channel: 'sms',
        body: { 'zh-CN': ' ', en: '' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(bed.callerAs(bed.users.viewer).messages.templates()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await editor.messages.deleteTemplate({ id: 'ack' });
    await expect(editor.messages.template({ id: 'ack' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("shows an agent their own and their team's in-app messages, and marks them read", async () => {
    const at = bed.clock.now().toISOString();
    for (const [id, kind, recipient] of [
      ['m1', 'agent', 'agent-1'],
      ['m2', 'team', 'after_sales'],
      ['m3', 'team', 'qa'],
    ] as const) {
      await bed.store.inAppMessages.create({
        id,
        workspaceId: 'default',
        recipientKind: kind,
        recipientId: recipient,
        subject: `subject ${id}`,
        body: 'body',
        idempotencyKey: null,
        createdAt: at,
      });
    }
    const agent = bed.callerAs(bed.users.agent);
    expect((await agent.messages.inbox()).map((message) => message.id).sort()).toEqual(['m1', 'm2']);
    expect(await agent.messages.markRead({ id: 'm1' })).toEqual({ read: true });
    expect((await agent.messages.inbox({ unreadOnly: true })).map((message) => message.id)).toEqual(['m2']);
  });
});

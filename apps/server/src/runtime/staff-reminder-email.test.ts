import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeRequest } from '../runtime-port.ts';
import {
  type CapturedMail,
  capturingOutbox,
  createRuntimeHarness,
  edge,
  graph,
  node,
  type RuntimeHarness,
} from './runtime-test-kit.ts';

/**
 * Reminders a flow emails to staff (issue 13, item 4: "land in an in-app
 * notification inbox, and optionally email") reach the email of the user
 * account behind each agent. They used to be sent to the agent's or team's id
 * as if it were an address.
 */
describe('a flow emailing the ticket assignee or team', () => {
  let harness: RuntimeHarness;
  let mails: CapturedMail[];

  beforeEach(async () => {
    const captured = capturingOutbox();
    mails = captured.mails;
    harness = await createRuntimeHarness({ outbox: captured.outbox });
    const { store } = harness;
    const now = harness.clock.now().toISOString();
    await store.teams.put({
      id: 'after_sales',
      workspaceId: 'default',
      name: { 'zh-CN': '售后', en: 'After-sales' },
      skills: [],
      calendar: null,
      supervisorQueue: null,
    });
    const person = (id: string, email: string) => ({
      id,
      email,
      name: id,
      role: 'agent' as const,
      passwordHash: 'x',
      locale: 'zh-CN' as const,
      createdAt: now,
    });
    await store.users.create(person('u-li', 'li@desk.example'));
    await store.users.create(person('u-chen', 'chen@desk.example'));
    await store.users.create({ ...person('u-gone', 'gone@desk.example'), deactivatedAt: now });
    const agent = (id: string, userId: string | null) => ({
      id,
      workspaceId: 'default',
      userId,
      name: id,
      teams: ['after_sales'],
      skills: [],
      capacity: 5,
      online: true,
      activeCount: 0,
      lastAssignedAt: null,
    });
    await store.agents.create(agent('agent-li', 'u-li'));
    await store.agents.create(agent('agent-chen', 'u-chen'));
    await store.agents.create(agent('agent-gone', 'u-gone'));
    await store.agents.create(agent('agent-nouser', null));
  });
  afterEach(() => harness.close());

  function remindFlow(to: 'assignee' | 'team', assignee: string | null) {
    return graph(
      [
        node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
        node('ticket', 'action.create_ticket', {
          title: '{{ request.message }}',
          description: '{{ request.message }}',
          priority: 'medium',
          team: 'after_sales',
          customFields: {},
        }),
        ...(assignee
          ? [node('route', 'action.assign', { target: 'agent', agentId: assignee, strategy: 'round_robin' })]
          : []),
        node('remind', 'action.send_message', {
          channel: 'email',
          to,
          subject: { 'zh-CN': '请跟进 {{ ticket.number }}', en: 'Follow up {{ ticket.number }}' },
          body: { 'zh-CN': '客户在等待', en: 'The customer is waiting' },
        }),
        node('done', 'action.end', { outcome: 'completed' }),
      ],
      [
        edge('start', 'next', 'ticket'),
        ...(assignee ? [edge('ticket', 'next', 'route'), edge('route', 'next', 'remind')] : []),
        ...(assignee ? [] : [edge('ticket', 'next', 'remind')]),
        edge('remind', 'next', 'done'),
      ],
    );
  }

  const request: IntakeRequest = {
    channel: 'web_form',
    customer: { name: '王小明', phone: '+86 138 1234 5678' },
    message: '退货',
    attachments: [],
    customFields: {},
    metadata: {},
  };

  it("emails the assignee's own account, not the agent id", async () => {
    await harness.publish('remind', remindFlow('assignee', 'agent-li'));
    const { executionIds } = await harness.runtime.intake(request, { apiKeyId: 'k' });
    await harness.drain();
    const execution = await harness.store.executions.get(executionIds[0] ?? '');
    expect(execution?.status).toBe('completed');
    expect(mails.map((mail) => mail.to)).toEqual(['li@desk.example']);
    expect(mails[0]?.subject).toMatch(/^请跟进 /);
  });

  it("emails every active member of the team who has an account, once each, when it is the team's", async () => {
    await harness.publish('remind', remindFlow('team', null));
    await harness.runtime.intake(request, { apiKeyId: 'k' });
    await harness.drain();
    expect(mails.map((mail) => mail.to).sort()).toEqual(['chen@desk.example', 'li@desk.example']);
  });

  it('fails the step as having no recipient when the assignee has no account to email', async () => {
    await harness.publish('remind', remindFlow('assignee', 'agent-nouser'));
    const { executionIds } = await harness.runtime.intake(request, { apiKeyId: 'k' });
    await harness.drain();
    const execution = await harness.store.executions.get(executionIds[0] ?? '');
    expect(execution?.status).toBe('failed');
    expect(JSON.stringify(execution)).toContain('runtime.no_recipient');
    expect(mails).toEqual([]);
  });
});

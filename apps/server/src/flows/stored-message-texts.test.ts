import type { FlowGraph } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../testing/server-test-kit.ts';

const at = { x: 0, y: 0 };

/** Request → identify the customer → a reply that uses the saved template `welcome`. */
const graph: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.request_received', config: { channels: [] }, position: at },
    { id: 'who', type: 'action.identify_customer', config: {}, position: at },
    {
      id: 'hello',
      type: 'action.send_message',
      config: { channel: 'reply', to: 'customer', templateId: 'welcome' },
      position: at,
    },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'who' },
    { id: 'e2', source: 'who', sourcePort: 'next', target: 'hello' },
  ],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

describe('lint with saved message templates', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(() => bed.close());

  async function saveWelcome(body: string): Promise<void> {
    await bed.store.messageTemplates.put({
      id: 'welcome',
      workspaceId: 'default',
      name: 'Welcome',
      channel: 'reply',
      subject: { 'zh-CN': '欢迎' },
      body: { 'zh-CN': body },
      updatedAt: '2026-11-22T01:00:00.000Z',
    });
  }

  it('warns at the template a message picks when it greets by a name many customers never gave', async () => {
    await saveWelcome('您好 {{ customer.name }}');
    const result = await bed.callerAs(bed.users.editor).flows.lint({ graph });
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        code: 'field.may_be_empty',
        severity: 'warning',
        nodeId: 'hello',
        field: 'config.templateId',
      }),
    );
  });

  it('is quiet once the template gives a fallback', async () => {
    await saveWelcome('您好 {{ customer.name | default: "顾客" }}');
    const result = await bed.callerAs(bed.users.editor).flows.lint({ graph });
    expect(result.problems.filter((problem) => problem.code === 'field.may_be_empty')).toEqual([]);
  });
});

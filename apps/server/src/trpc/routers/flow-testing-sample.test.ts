import type { FlowGraph } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

/**
 * Both test runs (one flow, all live flows) see a sample as intake would see
 * the same request: its language detected from the message, and the customer
 * it comes from (picked or set by hand) read the same way.
 */

const SETTINGS = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };
const at = { x: 0, y: 0 };

/** Request (entry conditions optional) → a reply in the customer's language. */
function replyGraph(entry?: unknown): FlowGraph {
  return {
    nodes: [
      {
        id: 'start',
        type: 'trigger.request_received',
        config: { channels: [], ...(entry ? { entry } : {}) },
        position: at,
      },
      {
        id: 'hello',
        type: 'action.send_message',
        config: { channel: 'reply', body: { 'zh-CN': '您好', en: 'Hello' } },
        position: at,
      },
    ],
    edges: [{ id: 'e1', source: 'start', sourcePort: 'next', target: 'hello' }],
    settings: SETTINGS,
  };
}

const group = (field: string, operator: string, value: unknown) => ({
  kind: 'group',
  combinator: 'all',
  children: [{ kind: 'rule', field, operator, value }],
});

const english = { request: { channel: 'email', message: 'Hello, my parcel has not arrived yet.' } };

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(() => bed.close());

describe('test runs detect the language of the request as intake does', () => {
  it('answers an English message in English when the sample does not say its language', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const single = await editor.flows.testRun({ graph: replyGraph(), data: english });
    expect(single.effects.map((effect) => effect.summary)).toEqual(['reply: Hello']);

    const flow = await editor.flows.create({ name: 'Reply', graph: replyGraph() });
    await editor.flows.publish({ id: flow.id });
    const live = await editor.flows.testRunLive({ data: english });
    const [entry] = live.flows;
    expect(entry?.started && entry.outcome.effects.map((effect) => effect.summary)).toEqual(['reply: Hello']);
  });

  it('lets entry conditions read the detected language', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const graph = replyGraph(group('request.locale', 'equals', 'en'));
    const result = await editor.flows.testRun({ graph, data: english });
    expect(result.status).toBe('completed');
    expect(result).not.toHaveProperty('notStarted');
  });

  it('keeps the language the sender gave over the detected one', async () => {
    const data = { request: { ...english.request, customer: { locale: 'zh-CN' } } };
    const result = await bed.callerAs(bed.users.editor).flows.testRun({ graph: replyGraph(), data });
    expect(result.effects.map((effect) => effect.summary)).toEqual(['reply: 您好']);
  });
});

import { type FlowGraph, getNodeType } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestBed,
  type RunningServer,
  startServer,
  type TestBed,
} from '../../src/testing/server-test-kit.ts';
import { flowAround, postTestRun, sessionCookie } from './test-run-kit.ts';

/**
 * Finding 5 (Liquid part) of the security review: a message template that runs
 * into one of LiquidJS's limits made `flows.testRun` answer 500 "internal" and
 * log at error level. It is the flow's content, not a server fault: the step
 * fails with a clear, translated message and tRPC answers 422.
 */

const LOOP = '{% for i in (1..3000000) %}x{% endfor %}';

function messageFlow(body: string) {
  const example = getNodeType('action.send_message')?.example as Record<string, unknown>;
  return flowAround({
    id: 'say',
    type: 'action.send_message',
    label: 'Reply',
    config: { ...example, subject: { 'zh-CN': '回复', en: 'Reply' }, body: { 'zh-CN': body, en: body } },
  });
}

/** A first step whose output holds the customer's phone number (a ticket titled with it), then the step over the limit. */
function phoneThenLoopFlow(): FlowGraph {
  const flow = messageFlow(LOOP);
  const example = getNodeType('action.create_ticket')?.example as Record<string, unknown>;
  const ticket = {
    id: 'ticket',
    type: 'action.create_ticket',
    label: 'Open ticket',
    config: { ...example, title: 'Call back {{ request.customer.phone }}' },
    position: { x: 120, y: 0 },
  };
  const [trigger, ...rest] = flow.nodes;
  return {
    ...flow,
    nodes: [trigger as FlowGraph['nodes'][number], ticket, ...rest],
    edges: [
      { id: 'e0', source: 'trigger', sourcePort: 'next', target: 'ticket' },
      { id: 'e1', source: 'ticket', sourcePort: 'next', target: 'say' },
      ...flow.edges.filter((edge) => edge.source !== 'trigger'),
    ],
  };
}

describe('Liquid limits in a test run (finding 5)', () => {
  let bed: TestBed;
  let server: RunningServer;
  let errors: unknown[];

  beforeEach(async () => {
    bed = await createTestBed();
    errors = [];
    const log = bed.services.log;
    log.error = (...args: unknown[]) => {
      errors.push(args);
    };
    server = await startServer(bed);
  });
  afterEach(async () => {
    await server.close();
    await bed.close();
  });

  it('answers 422 with the step and a translated message, logging no error', async () => {
    const cookie = await sessionCookie(bed, 'editor');
    const input = { graph: messageFlow(LOOP), data: { request: { message: 'hi', channel: 'email' } } };
    const en = await postTestRun(server, cookie, input, 'en');
    expect(en.status).toBe(422);
    expect(en.body.error?.data).toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      appCode: 'test_run_template_failed',
    });
    expect(en.body.error?.message).toBe(
      'The test run stopped at step "Reply": The text template produced too much (over its memory limit) and was stopped; use fewer loops or less output',
    );
    expect(en.body.error?.data.details).toEqual([
      expect.objectContaining({ nodeId: 'say', code: 'engine.template_limit', pointer: '/nodes/1/config' }),
    ]);
    const outcome = en.body.error?.data.outcome as {
      status: string;
      steps: { nodeId: string; error?: unknown }[];
    };
    expect(outcome.status).toBe('failed');
    expect(outcome.steps.find((step) => step.nodeId === 'say')?.error).toMatchObject({
      code: 'engine.template_limit',
    });
    const messages = en.body.error?.data.messages as Record<string, string>;
    expect(messages['zh-CN']).toContain('试运行在步骤「Reply」停止：文字模板生成的内容过多');
    expect(errors).toEqual([]);
  });

  it('masks the trace in the 422 by role, like any other answer', async () => {
    const phone = '13812345678';
    const input = {
      graph: phoneThenLoopFlow(),
      data: { request: { message: `call me on ${phone}`, channel: 'email', customer: { phone } } },
    };
    const stepsOf = (answer: Awaited<ReturnType<typeof postTestRun>>) =>
      (answer.body.error?.data.outcome as { steps: { nodeId: string }[] } | undefined)?.steps ?? [];

    // Admins read it masked too: contacts are masked for every role.
    const admin = await postTestRun(server, await sessionCookie(bed, 'admin'), input);
    expect(admin.status).toBe(422);
    expect(JSON.stringify(stepsOf(admin).find((step) => step.nodeId === 'ticket'))).toContain(
      'Call back *******5678',
    );
    expect(JSON.stringify(admin.body)).not.toContain(phone);

    const editor = await postTestRun(server, await sessionCookie(bed, 'editor'), input);
    expect(editor.status).toBe(422);
    expect(editor.body.error?.data).toMatchObject({ appCode: 'test_run_template_failed' });
    expect(editor.body.error?.data.details).toEqual([
      expect.objectContaining({ nodeId: 'say', code: 'engine.template_limit', pointer: '/nodes/2/config' }),
    ]);
    const ticket = stepsOf(editor).find((step) => step.nodeId === 'ticket');
    expect(JSON.stringify(ticket)).toContain('Call back *******5678');
    expect(JSON.stringify(editor.body)).not.toContain(phone);
  });

  it('still answers 200 for a template within the limits', async () => {
    const cookie = await sessionCookie(bed, 'editor');
    const input = {
      graph: messageFlow('{% for i in (1..3) %}{{ i }}{% endfor %}'),
      data: { request: { message: 'hi', channel: 'email' } },
    };
    const run = await postTestRun(server, cookie, input);
    expect(run.status).toBe(200);
    expect(run.body.result?.data.status).toBe('completed');
  });
});

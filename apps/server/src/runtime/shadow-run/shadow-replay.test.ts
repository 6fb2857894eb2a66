import type { ExecutionRecord, ExecutionStep } from '@flowdesk/store';
import { describe, expect, it } from 'vitest';
import { edge, graph, node } from '../runtime-test-kit.ts';
import { pastRequestOf } from './past-request.ts';
import { replayRequest, shadowFlow } from './shadow-replay.ts';

/** Asks the shop whether the order is paid; paid orders get a high-priority ticket. */
const paidFlow = graph(
  [
    node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
    node('lookup', 'action.http_request'),
    node('paid', 'logic.condition', {
      mode: 'rules',
      rules: {
        kind: 'group',
        combinator: 'all',
        children: [{ kind: 'rule', field: 'variables.shippingStatus', operator: 'equals', value: 'paid' }],
      },
    }),
    node('high', 'action.create_ticket', { title: 'x', description: '', priority: 'high', customFields: {} }),
    node('low', 'action.create_ticket', { title: 'x', description: '', priority: 'low', customFields: {} }),
  ],
  [
    edge('start', 'next', 'lookup'),
    edge('lookup', 'next', 'paid'),
    edge('paid', 'true', 'high'),
    edge('paid', 'false', 'low'),
  ],
);

const startedAt = '2026-11-21T02:00:00.000Z';

function record(state: Record<string, unknown>): ExecutionRecord {
  return {
    id: 'e1',
    flowId: 'f1',
    version: 1,
    status: 'completed',
    currentNodeId: null,
    revision: 3,
    startedAt,
    updatedAt: startedAt,
    finishedAt: startedAt,
    state: state as ExecutionRecord['state'],
  };
}

const state = {
  executionId: 'e1',
  flowId: 'f1',
  version: 1,
  status: 'completed',
  data: {
    variables: {},
    request: { id: 'r1', channel: 'api', message: '订单 DD1 付款了吗', receivedAt: startedAt },
    customer: { id: 'c1', vipLevel: 3, tags: [] },
  },
  cursor: { nodeId: 'high', visit: 1 },
  seq: 2,
  stepSeq: 4,
  visits: {},
  pending: null,
  startedAt,
  updatedAt: startedAt,
};

const lookupStep: ExecutionStep = {
  seq: 2,
  nodeId: 'lookup',
  nodeType: 'action.http_request',
  visit: 1,
  input: {},
  output: { variables: { shippingStatus: 'paid' } },
  port: 'next',
  startedAt,
  finishedAt: startedAt,
};

describe('replaying one past request', () => {
  it('answers an HTTP step with the response the original execution recorded, and says so', () => {
    const past = pastRequestOf(record(state), [lookupStep]);
    if (!past.ok) throw new Error('the request should read');
    expect(past.request.customer).toMatchObject({ id: 'c1', vipLevel: 3 });
    const outcome = replayRequest(shadowFlow(paidFlow, 1), past.request, { slaPolicies: [] });
    expect(outcome.path).toEqual(['start', 'lookup', 'paid', 'high']);
    expect(outcome.recorded).toEqual(['lookup']);
    expect(outcome.notSimulated).toEqual([]);
    expect(outcome.ticket).toMatchObject({ priority: 'high' });
  });

  it('fails an HTTP step the way the original call failed', () => {
    const failed: ExecutionStep = {
      ...lookupStep,
      output: {},
      port: null,
      error: { code: 'runtime.http_failed', params: { detail: 'HTTP 404' }, retryable: false },
    };
    const past = pastRequestOf(record(state), [failed]);
    if (!past.ok) throw new Error('the request should read');
    const outcome = replayRequest(shadowFlow(paidFlow, 1), past.request, { slaPolicies: [] });
    expect(outcome.recorded).toEqual(['lookup']);
    expect(outcome.status).toBe('failed');
    expect(outcome.failures).toEqual([{ nodeId: 'lookup', code: 'runtime.http_failed' }]);
  });

  it('marks an HTTP step without a recording as not simulated (its variables stay empty)', () => {
    const past = pastRequestOf(record(state), []);
    if (!past.ok) throw new Error('the request should read');
    const outcome = replayRequest(shadowFlow(paidFlow, 1), past.request, { slaPolicies: [] });
    expect(outcome.notSimulated).toEqual(['lookup']);
    expect(outcome.path).toEqual(['start', 'lookup', 'paid', 'low']);
  });

  it('picks the SLA policy the workspace has now for the ticket the replay makes', () => {
    const past = pastRequestOf(record(state), [lookupStep]);
    if (!past.ok) throw new Error('the request should read');
    const policy = (id: string, order: number, match: Record<string, unknown>) => ({
      id,
      workspaceId: 'default',
      name: id,
      match,
      firstResponseMinutes: 60,
      resolutionMinutes: 480,
      warnAtShare: 0.8,
      order,
      calendar: null,
    });
    const outcome = replayRequest(shadowFlow(paidFlow, 1), past.request, {
      slaPolicies: [policy('vip', 1, { minVipLevel: 3 }), policy('standard', 2, {})],
    });
    expect(outcome.slaPolicy).toBe('vip');
  });

  it('counts the messages a replay would send per channel', () => {
    const notify = graph(
      [
        node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
        node('mail', 'action.send_message', {
          channel: 'email',
          to: 'customer',
          subject: { 'zh-CN': '收到', en: 'Got it' },
          body: { 'zh-CN': '收到', en: 'Got it' },
        }),
        node('answer', 'action.send_message', {
          channel: 'reply',
          to: 'customer',
          body: { 'zh-CN': '收到', en: 'Got it' },
        }),
      ],
      [edge('start', 'next', 'mail'), edge('mail', 'next', 'answer')],
    );
    const past = pastRequestOf(record(state), []);
    if (!past.ok) throw new Error('the request should read');
    const outcome = replayRequest(shadowFlow(notify, 1), past.request, { slaPolicies: [] });
    expect(outcome.messages).toEqual({ email: 1, reply: 1 });
    expect(outcome.handling).toBe('auto_reply');
  });

  it('reports a request whose stored data no longer reads as one', () => {
    expect(pastRequestOf(record({ ...state, data: { variables: {} } }), [])).toMatchObject({
      ok: false,
      reason: 'no_trigger_data',
    });
    expect(pastRequestOf(record({ broken: true }), [])).toMatchObject({
      ok: false,
      reason: 'state_unreadable',
    });
  });
});

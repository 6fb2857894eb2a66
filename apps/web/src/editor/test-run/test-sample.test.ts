import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { compareRun, readTestCase } from './test-cases.store.ts';
import { customerFromInput, customerToInput, EMPTY_CUSTOMER } from './test-customer.ts';
import { testPassed } from './test-run-result.ts';
import { emptySample, parseSample, sampleToData, triggerTypeOf } from './test-sample.ts';

const AT = '2026-11-20T01:30:00.000Z';

describe('test samples', () => {
  it('picks the request form for request triggers and JSON for the others', () => {
    const graph = (type: string): FlowGraph => ({
      nodes: [{ id: 't', type, config: {}, position: { x: 0, y: 0 } }],
      edges: [],
      settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
    });
    expect(triggerTypeOf(graph('trigger.ticket_event'))).toBe('trigger.ticket_event');
    expect(emptySample('trigger.request_received').kind).toBe('request');
    expect(emptySample(undefined).kind).toBe('request');
    const event = emptySample('trigger.ticket_event');
    expect(event.kind === 'event' && JSON.parse(event.json)).toHaveProperty('ticket');
  });

  it('refuses a request without a message, and event data that is not an object of objects', () => {
    expect(sampleToData({ ...emptySample(undefined), message: '  ' } as never, AT)).toEqual({
      ok: false,
      problem: 'message_required',
    });
    expect(sampleToData({ kind: 'event', json: '{oops' }, AT)).toEqual({
      ok: false,
      problem: 'invalid_json',
    });
    expect(sampleToData({ kind: 'event', json: '{"ticket": 3}' }, AT)).toEqual({
      ok: false,
      problem: 'not_object',
    });
    expect(sampleToData({ kind: 'event', json: '{"ticket": {"status": "closed"}}' }, AT)).toEqual({
      ok: true,
      data: { ticket: { status: 'closed' } },
    });
  });

  it('counts a run as passed only when it completed without a failed step', () => {
    const step = { seq: 1, nodeId: 'a', nodeType: 'x', input: {}, output: {} };
    expect(testPassed({ status: 'completed', steps: [step], effects: [] })).toBe(true);
    expect(testPassed({ status: 'failed', steps: [step], effects: [] })).toBe(false);
    const error = { code: 'http', message: { 'zh-CN': '失败', en: 'failed' }, retryable: false };
    expect(testPassed({ status: 'completed', steps: [{ ...step, error }], effects: [] })).toBe(false);
  });

  it('reads saved cases as the server lists them, dropping malformed ones', () => {
    const listed = {
      id: 'tc-1',
      name: 'VIP',
      sample: { data: { request: { message: 'hi' } }, customer: { vipLevel: 3 } },
      expected: { path: [{ nodeId: 'start', port: 'next' }, { nodeId: 'end' }, 7], status: 'completed' },
    };
    expect(readTestCase(listed)).toEqual({
      id: 'tc-1',
      name: 'VIP',
      sample: { data: { request: { message: 'hi' } }, customer: { vipLevel: 3 } },
      expected: { path: [{ nodeId: 'start', port: 'next' }, { nodeId: 'end' }], status: 'completed' },
    });
    expect(readTestCase({ ...listed, sample: 'oops' })).toBeUndefined();
    expect(parseSample({ kind: 'request', channel: 'fax', message: 'm' })).toMatchObject({
      channel: 'web_form',
      message: 'm',
      customFields: [],
    });
    expect(readTestCase({ name: 'no id', sample: listed.sample, expected: listed.expected })).toBeUndefined();
  });

  it('says where a run left the saved path, or that it ended differently', () => {
    const saved = {
      path: [{ nodeId: 'start', port: 'next' }, { nodeId: 'vip', port: 'true' }, { nodeId: 'vip-team' }],
      status: 'completed',
    };
    expect(compareRun(saved, saved)).toBeNull();
    const other = {
      ...saved,
      path: [
        { nodeId: 'start', port: 'next' },
        { nodeId: 'vip', port: 'false' },
      ],
    };
    expect(compareRun(saved, other)).toEqual({
      index: 1,
      expected: { nodeId: 'vip', port: 'true' },
      actual: { nodeId: 'vip', port: 'false' },
    });
    expect(compareRun(saved, { ...saved, path: saved.path.slice(0, 2) })).toMatchObject({
      index: 2,
      actual: null,
    });
    expect(compareRun(saved, { ...saved, status: 'failed' })).toBe('status');
  });

  it('turns the customer section into the profile a test run takes, and back', () => {
    expect(customerToInput(EMPTY_CUSTOMER)).toEqual({ ok: true, customer: undefined });
    const form = {
      ...EMPTY_CUSTOMER,
      vipLevel: '3',
      tags: ' 金卡，老客户, 金卡 ',
      locale: 'zh-CN' as const,
      requestCount: '12',
      complaintCount: '',
    };
    const input = { vipLevel: 3, tags: ['金卡', '老客户'], locale: 'zh-CN', requestCount: 12 };
    expect(customerToInput(form)).toEqual({ ok: true, customer: input });
    expect(customerToInput({ ...form, customerId: 'cust-1' })).toMatchObject({
      customer: { customerId: 'cust-1' },
    });
    expect(customerToInput({ ...form, vipLevel: '11' })).toEqual({ ok: false });
    expect(customerToInput({ ...form, requestCount: '-1' })).toEqual({ ok: false });
    expect(customerFromInput(input)).toEqual({ ...form, tags: '金卡, 老客户' });
    expect(customerFromInput({ vipLevel: 'high', locale: 'fr' })).toEqual(EMPTY_CUSTOMER);
  });
});

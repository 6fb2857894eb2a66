import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { loadTestCases, saveTestCases, storageKey, withCase } from './test-cases.store.ts';
import { testPassed } from './test-run-result.ts';
import { emptySample, parseSample, sampleToData, triggerTypeOf } from './test-sample.ts';

const AT = '2026-11-20T01:30:00.000Z';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

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

  it('keeps saved cases per flow, replaces by name and drops malformed entries', () => {
    const storage = memoryStorage();
    const sample = { ...emptySample(undefined), message: 'hi' } as ReturnType<typeof emptySample>;
    const cases = withCase(withCase([], { name: 'a', sample }), { name: 'b', sample });
    saveTestCases(storage, 'flow-1', withCase(cases, { name: 'a', sample: { kind: 'event', json: '{}' } }));
    expect(loadTestCases(storage, 'flow-1').map((entry) => [entry.name, entry.sample.kind])).toEqual([
      ['a', 'event'],
      ['b', 'request'],
    ]);
    expect(loadTestCases(storage, 'flow-2')).toEqual([]);
    storage.setItem(storageKey('flow-3'), JSON.stringify([{ name: 'x', sample: { kind: 'odd' } }, 7]));
    expect(loadTestCases(storage, 'flow-3')).toEqual([]);
    expect(parseSample({ kind: 'request', channel: 'fax', message: 'm' })).toMatchObject({
      channel: 'web_form',
      message: 'm',
      customFields: [],
    });
  });
});

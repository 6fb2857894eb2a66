import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../desk-outputs.types.ts';
import { actorLabel, changeValue, entrySide } from './timeline-text.ts';

const WORDS = { flow: 'the flow', customer: 'the customer', someone: 'someone' };

describe('timeline wording', () => {
  it('writes statuses, priorities and channels in the reader language, and empty values as a dash', () => {
    expect(changeValue('status', 'in_progress', 'en')).toBe('In progress');
    expect(changeValue('priority', 'urgent', 'zh-CN')).not.toBe('urgent');
    expect(changeValue('assignee', null, 'en')).toBe('—');
    expect(changeValue('tags', ['vip', 'returns'], 'en')).toBe('vip, returns');
    expect(changeValue('category', 'returns', 'en')).toBe('returns');
  });

  it('reads a name given in both languages (a team) in the reader language', () => {
    const team = { 'zh-CN': '售后', en: 'After-sales' };
    expect(changeValue('team', team, 'en')).toBe('After-sales');
    expect(changeValue('team', team, 'zh-CN')).toBe('售后');
    expect(changeValue('customFields', { orderNo: 'DD1001' }, 'en')).toBe('{"orderNo":"DD1001"}');
  });

  it('names the actor, or says what kind it was', () => {
    const entry = (actor: TimelineEntry['actor']) =>
      ({ kind: 'note', at: '2026-11-22T08:00:00.000Z', actor, body: 'x' }) as TimelineEntry;
    expect(actorLabel(entry({ kind: 'user', id: 'u1', name: 'Li Na' }), WORDS, 'en')).toBe('Li Na');
    expect(actorLabel(entry({ kind: 'execution', id: 'e1', name: null }), WORDS, 'en')).toBe('the flow');
    expect(actorLabel(entry({ kind: 'customer', id: 'customer', name: null }), WORDS, 'en')).toBe(
      'the customer',
    );
    expect(actorLabel(entry({ kind: 'system', id: 'routing', name: null }), WORDS, 'en')).toBe('someone');
    const templateFlow = entry({
      kind: 'execution',
      id: 'e2',
      name: '零售：请求受理与分流 v1',
      localizedName: { 'zh-CN': '零售：请求受理与分流 v1', en: 'Retail: request intake v1' },
    });
    expect(actorLabel(templateFlow, WORDS, 'en')).toBe('Retail: request intake v1');
    expect(actorLabel(templateFlow, WORDS, 'zh-CN')).toBe('零售：请求受理与分流 v1');
  });

  it('puts the customer on one side and the desk on the other', () => {
    const at = '2026-11-22T08:00:00.000Z';
    const actor = { kind: 'user' as const, id: 'u', name: null };
    expect(entrySide({ kind: 'inbound', at, actor, body: 'hi', channel: 'email' })).toBe('customer');
    expect(entrySide({ kind: 'agent_reply', at, actor, body: 'hi', channel: 'email' })).toBe('desk');
    expect(
      entrySide({ kind: 'change', at, actor, field: 'status', from: 'new', to: 'assigned', note: null }),
    ).toBe('event');
  });
});

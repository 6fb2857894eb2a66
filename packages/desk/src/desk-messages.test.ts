import { describe, expect, it } from 'vitest';
import { invalidTransition, notFound } from './desk-errors.ts';
import { DESK_MESSAGES, type DeskMessageCode, deskMessage } from './desk-messages.ts';

const SAMPLE = {
  what: 'ticket',
  id: 'T-1',
  from: 'new',
  to: 'closed',
  allowed: 'assigned,resolved',
  limit: 500,
  field: 'ticket.number',
  detail: 'X',
  link: 'https://example.test/s/1',
  ids: 'a, b',
  depth: 4,
  version: 9,
  line: 3,
  found: 'a,b',
  count: 1,
  folds: 5,
  labels: 'x',
  categories: 'y',
};

describe('desk message catalog', () => {
  it.each(Object.keys(DESK_MESSAGES) as DeskMessageCode[])('%s reads in Chinese and English', (code) => {
    const message = deskMessage(code, SAMPLE);
    expect(message['zh-CN'].trim()).not.toBe('');
    expect(message.en.trim()).not.toBe('');
    expect(message['zh-CN']).toMatch(/\p{Script=Han}/u);
  });

  it('names each code once, inside a namespace', () => {
    const codes = Object.keys(DESK_MESSAGES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z]+\.[a-z_]+$/);
  });

  it('writes a refusal from its params as it was written from the error', () => {
    expect(notFound('team', 'support').message).toEqual({
      'zh-CN': '团队 support 不存在',
      en: 'Team support does not exist',
    });
    expect(invalidTransition('closed', 'new', []).message.en).toBe(
      'A ticket cannot go from "Closed" to "New"; it can go to: none',
    );
    expect(deskMessage('desk.invalid_transition', SAMPLE)['zh-CN']).toBe(
      '工单状态不能从“新建”改为“已关闭”；可以改为：已分配、已解决',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { MESSAGES, type MessageCode, message } from './messages.ts';

/** Every placeholder filled, whatever its name, so no text is judged by a missing param. */
const ANY_PARAMS = new Proxy({} as Record<string, string>, {
  get: (_target, key) => (typeof key === 'string' ? 'X' : undefined),
});

describe('model message catalog (validation and lint)', () => {
  it.each(Object.keys(MESSAGES) as MessageCode[])('%s reads in Chinese and English', (code) => {
    const text = message(code, ANY_PARAMS);
    expect(text['zh-CN'].trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    expect(text['zh-CN']).not.toBe(text.en);
  });

  it('gives each code once, inside a namespace', () => {
    const codes = Object.keys(MESSAGES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });
});

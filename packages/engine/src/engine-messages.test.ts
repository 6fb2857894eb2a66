import { describe, expect, it } from 'vitest';
import { ENGINE_MESSAGES, type EngineMessageCode, engineMessage } from './engine-messages.ts';

describe('engine messages', () => {
  it.each(Object.keys(ENGINE_MESSAGES) as EngineMessageCode[])('%s reads in Chinese and English', (code) => {
    const message = engineMessage(code, {
      limit: 500,
      detail: 'X',
      port: 'p',
      id: 'c',
      node: 'n',
      status: 's',
    });
    expect(message['zh-CN'].trim()).not.toBe('');
    expect(message.en.trim()).not.toBe('');
    expect(message['zh-CN']).not.toBe(message.en);
    expect(message['zh-CN']).toMatch(/\p{Script=Han}/u);
  });
});

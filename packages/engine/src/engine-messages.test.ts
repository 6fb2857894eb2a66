import { describe, expect, it } from 'vitest';
import { ENGINE_MESSAGES, type EngineMessageCode, engineMessage, engineText } from './engine-messages.ts';

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

  it('keeps every code in the engine namespace, so the edge knows which catalog writes it', () => {
    for (const code of Object.keys(ENGINE_MESSAGES)) expect(code).toMatch(/^engine\.[a-z_]+$/);
    expect(engineText('desk.no_ticket')).toBeUndefined();
    expect(engineText('engine.step_limit', { limit: 500 })?.en).toContain('500 steps');
  });
});

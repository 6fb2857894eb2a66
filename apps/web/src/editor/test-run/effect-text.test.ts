import { describe, expect, it } from 'vitest';
import { shownEffect } from './effect-text.ts';

describe('a test run effect as the panel shows it', () => {
  it('shows a message’s text alone, as the customer gets it, and its channel by name', () => {
    const effect = { kind: 'message' as const, summary: 'reply: Hello Zhang Wei: your order ships today.' };
    expect(shownEffect(effect, 'en')).toEqual({
      channel: 'Reply on the request’s own channel',
      text: 'Hello Zhang Wei: your order ships today.',
    });
    expect(shownEffect({ kind: 'message', summary: 'sms: 您好' }, 'zh-CN')).toEqual({
      channel: '短信',
      text: '您好',
    });
  });

  it('leaves a summary that names no message channel, and other effects, as they came', () => {
    expect(shownEffect({ kind: 'message', summary: 'constructor: hi' }, 'en')).toEqual({
      text: 'constructor: hi',
    });
    expect(shownEffect({ kind: 'message', summary: 'no channel here' }, 'en')).toEqual({
      text: 'no channel here',
    });
    expect(shownEffect({ kind: 'http', summary: 'POST https://example.com/hook' }, 'en')).toEqual({
      text: 'POST https://example.com/hook',
    });
  });
});

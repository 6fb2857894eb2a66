import { describe, expect, it } from 'vitest';
import { stepErrorText } from './step-error-text.ts';

describe('stepErrorText', () => {
  const error = {
    code: 'runtime.http_failed',
    message: { 'zh-CN': 'HTTP 请求失败：503', en: 'The HTTP request failed: 503' },
    retryable: true,
  };

  it('shows the text in the reader’s language with the code', () => {
    expect(stepErrorText(error, 'zh-CN')).toBe('HTTP 请求失败：503 (runtime.http_failed)');
    expect(stepErrorText(error, 'en')).toBe('The HTTP request failed: 503 (runtime.http_failed)');
  });

  it('falls back to the code when no text came', () => {
    expect(stepErrorText({ code: 'desk.no_ticket' }, 'en')).toBe('desk.no_ticket');
    expect(stepErrorText(null, 'en')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

/** A logger writing into memory, and its lines parsed. */
function capture(level: Parameters<typeof createLogger>[0]) {
  const written: string[] = [];
  const log = createLogger(level, { write: (line: string) => void written.push(line) });
  const lines = () =>
    written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  return { log, written, lines };
}

describe('the server log (pino)', () => {
  it('writes one JSON object per line with time, level, message and the fields', () => {
    const { log, written, lines } = capture('info');
    log.info('admin account created', { role: 'admin' });
    log.warn('lease lost', { job: 'j1' });
    expect(written.join('').endsWith('\n')).toBe(true);
    expect(lines()).toMatchObject([
      { level: 'info', message: 'admin account created', role: 'admin' },
      { level: 'warn', message: 'lease lost', job: 'j1' },
    ]);
    expect(new Date(lines()[0].time).toISOString()).toBe(lines()[0].time);
  });

  it('honours the level, silent included', () => {
    const info = capture('info');
    info.log.debug('noise');
    info.log.error('broken');
    expect(info.lines().map((line) => line.message)).toEqual(['broken']);
    const error = capture('error');
    error.log.warn('hidden');
    expect(error.lines()).toEqual([]);
    const silent = capture('silent');
    silent.log.error('never');
    expect(silent.written).toEqual([]);
  });

  it('shows contacts by their last four characters and never writes a secret', () => {
    const { log, lines } = capture('debug');
    log.info('admin account created', {
      email: 'admin@flowdesk.example',
      customer: { name: '王女士', phone: '13812345678', email: 'wang@example.cn' },
      password: 'correct horse battery',
      token: 'tok_abcdef123456',
      channel: { appSecret: 'wx-secret-9876', secret: 'link-key', token: 'wx-token' },
      headers: { authorization: 'Bearer fd_live_123456', cookie: 'fd_session=abc' },
    });
    const [line] = lines();
    expect(line).toMatchObject({
      email: '******************mple',
      customer: { name: '王女士', phone: '*******5678', email: '***********e.cn' },
      password: '[redacted]',
      token: '[redacted]',
      channel: { appSecret: '[redacted]', secret: '[redacted]', token: '[redacted]' },
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
    });
    const text = JSON.stringify(line);
    for (const secret of [
      'correct horse',
      'tok_abc',
      'wx-secret',
      'link-key',
      'fd_live',
      'fd_session',
      '1381234',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('never writes a request or message body, whoever passes one', () => {
    const { log, written } = capture('debug');
    log.info('incoming', { body: { customer: { phone: '13812345678' }, message: '地址：杭州市西湖区' } });
    log.info('sending', { message: { channel: 'sms', to: '13812345678', body: '您的验证码 4321' } });
    log.info('request', { req: { body: '王女士 13812345678', query: { q: 'wang@example.cn' } } });
    const text = written.join('');
    for (const leak of ['西湖区', '验证码', '王女士', 'wang@example', '1381234'])
      expect(text).not.toContain(leak);
    expect(text.match(/\[redacted\]/g)).toHaveLength(4);
  });

  it('masks contacts at any depth and inside logged text, by the same rule as API answers', () => {
    const { log, written } = capture('info');
    log.warn('step failed', {
      execution: { state: { trigger: { request: { customer: { phone: '13812345678' } } } } },
      detail: 'could not reach li.si@shop.example.com or 13912345678',
    });
    const line = written.join('');
    expect(line).not.toContain('13812345678');
    expect(line).not.toContain('13912345678');
    expect(line).not.toContain('li.si@shop');
    expect(line).toContain('*******5678');
  });
});

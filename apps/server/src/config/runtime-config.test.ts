import { describe, expect, it } from 'vitest';
import { loadRuntimeOptions } from './runtime-config.ts';
import { ConfigError } from './server-config.ts';

describe('loadRuntimeOptions', () => {
  it('defaults the public URL and leaves email and SMS unconfigured', () => {
    const options = loadRuntimeOptions({});
    expect(options.publicUrl).toBe('http://localhost:3000');
    expect(options.smtp).toBeUndefined();
    expect(options.sms).toBeUndefined();
  });

  it('reads the SMTP server, SMS gateway and public URL', () => {
    const options = loadRuntimeOptions({
      FLOWDESK_SMTP_URL: 'smtp://mail.example.com:2525',
      FLOWDESK_SMTP_FROM: 'Desk <desk@example.com>',
      FLOWDESK_SMS_URL: 'https://sms.example.com/send',
      FLOWDESK_SMS_TOKEN: 'secret',
      FLOWDESK_PUBLIC_URL: 'https://desk.example.com/',
    });
    expect(options).toMatchObject({
      publicUrl: 'https://desk.example.com',
      smtp: { url: 'smtp://mail.example.com:2525', from: 'Desk <desk@example.com>' },
      sms: { url: 'https://sms.example.com/send', token: 'secret' },
    });
  });

  it('takes inbound email over SMTP only when a listen port is set, on loopback by default', () => {
    expect(loadRuntimeOptions({}).smtpListen).toBeUndefined();
    expect(loadRuntimeOptions({ FLOWDESK_SMTP_LISTEN_PORT: '2525' }).smtpListen).toEqual({
      host: '127.0.0.1',
      port: 2525,
    });
    expect(
      loadRuntimeOptions({ FLOWDESK_SMTP_LISTEN_PORT: '25', FLOWDESK_SMTP_LISTEN_HOST: '0.0.0.0' })
        .smtpListen,
    ).toEqual({ host: '0.0.0.0', port: 25 });
    expect(() => loadRuntimeOptions({ FLOWDESK_SMTP_LISTEN_PORT: '70000' })).toThrow(
      /FLOWDESK_SMTP_LISTEN_PORT/,
    );
  });

  it('names every bad variable', () => {
    const load = () => loadRuntimeOptions({ FLOWDESK_SMTP_URL: 'http://mail', FLOWDESK_PUBLIC_URL: 'nope' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/FLOWDESK_SMTP_URL[\s\S]*FLOWDESK_PUBLIC_URL/);
  });
});

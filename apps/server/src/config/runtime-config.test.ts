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

  it('names every bad variable', () => {
    const load = () => loadRuntimeOptions({ FLOWDESK_SMTP_URL: 'http://mail', FLOWDESK_PUBLIC_URL: 'nope' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/FLOWDESK_SMTP_URL[\s\S]*FLOWDESK_PUBLIC_URL/);
  });
});

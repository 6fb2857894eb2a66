import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChannel } from '../../channels/channel-settings.ts';
import { AppError } from '../../http/app-error.ts';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

describe('channels router', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(() => bed.close());

  it('lists every channel with its defaults until an admin changes one', async () => {
    const channels = await bed.callerAs(bed.users.admin).channels.list();
    expect(channels.map((channel) => [channel.channel, channel.enabled])).toEqual([
      ['email', true],
      ['widget', true],
      ['voice', true],
      ['wechat', false],
      ['progress_page', true],
    ]);
    expect(channels.find((channel) => channel.channel === 'wechat')?.secretsSet).toEqual({
      token: false,
      appSecret: false,
    });
  });

  it('keeps secrets write-only and a secret left out of a later change', async () => {
    const admin = bed.callerAs(bed.users.admin);
    const saved = await admin.channels.update({
      channel: 'wechat',
      enabled: true,
      settings: { token: 'flowdesk2026', appId: 'wx123', appSecret: 's3cret' },
    });
    expect(saved.settings).toEqual({ appId: 'wx123', apiBaseUrl: 'https://api.weixin.qq.com' });
    expect(saved.secretsSet).toEqual({ token: true, appSecret: true });
    expect(JSON.stringify(await admin.channels.list())).not.toContain('s3cret');
    await admin.channels.update({ channel: 'wechat', settings: { welcomeText: '欢迎' } });
    const stored = await readChannel(bed.store, 'wechat');
    expect(stored).toMatchObject({
      enabled: true,
      settings: { token: 'flowdesk2026', appId: 'wx123', appSecret: 's3cret', welcomeText: '欢迎' },
    });
  });

  it('refuses to point a stored app secret at another host or app unless the secret is entered again', async () => {
    const admin = bed.callerAs(bed.users.admin);
    await admin.channels.update({
      channel: 'wechat',
      enabled: true,
      settings: { token: 'flowdesk2026', appId: 'wx123', appSecret: 's3cret' },
    });
    for (const change of [{ apiBaseUrl: 'https://attacker.example.net' }, { appId: 'wx999' }]) {
      const refused = await admin.channels
        .update({ channel: 'wechat', settings: change })
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
      const cause = (refused as { cause?: unknown }).cause as AppError;
      expect(cause).toBeInstanceOf(AppError);
      expect(cause).toMatchObject({ code: 'wechat_secret_required', pointer: '/appSecret' });
      expect(cause.messages['zh-CN']).toContain('AppSecret');
    }
    expect(await readChannel(bed.store, 'wechat')).toMatchObject({
      settings: { appId: 'wx123', apiBaseUrl: 'https://api.weixin.qq.com', appSecret: 's3cret' },
    });
    await admin.channels.update({
      channel: 'wechat',
      settings: { apiBaseUrl: 'https://wx-proxy.example.cn', appSecret: 'n3w-secret' },
    });
    expect(await readChannel(bed.store, 'wechat')).toMatchObject({
      settings: { apiBaseUrl: 'https://wx-proxy.example.cn', appSecret: 'n3w-secret' },
    });
  });

  it('turns a channel off, with its defaults, when its stored settings no longer parse', async () => {
    await bed.store.channelSettings.put({
      workspaceId: 'default',
      channel: 'widget',
      enabled: true,
      // An older shape: allowedOrigins as one string. Its default (empty) would mean any site.
      settings: { allowedOrigins: 'https://shop.example.cn' },
      updatedAt: bed.clock.now().toISOString(),
    });
    expect(await readChannel(bed.store, 'widget')).toMatchObject({ enabled: false, invalid: true });
    const admin = bed.callerAs(bed.users.admin);
    const widget = (await admin.channels.list()).find((channel) => channel.channel === 'widget');
    expect(widget).toMatchObject({ enabled: false, invalid: true, settings: { allowedOrigins: [] } });
    // Saving again repairs it; the admin switches it back on knowingly.
    const saved = await admin.channels.update({
      channel: 'widget',
      enabled: true,
      settings: { allowedOrigins: ['https://shop.example.cn'] },
    });
    expect(saved).toMatchObject({ enabled: true, settings: { allowedOrigins: ['https://shop.example.cn'] } });
    expect(saved).not.toHaveProperty('invalid');
  });

  it('refuses a bad setting with a translated message and stores nothing', async () => {
    const admin = bed.callerAs(bed.users.admin);
    const refused = await admin.channels
      .update({ channel: 'wechat', enabled: true, settings: { token: 'a b' } })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    expect(String((refused as Error).message)).toMatch(/token|letters or digits|字母/);
    expect(await bed.store.channelSettings.get('default', 'wechat')).toBeNull();
    await expect(
      admin.channels.update({ channel: 'email', settings: { addresses: ['not-an-address'] } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('gives each channel’s settings form, secrets as write-only fields and server-made values left out', async () => {
    const forms = await bed.callerAs(bed.users.admin).channels.forms();
    expect(forms).toEqual({
      email: [
        { key: 'addresses', kind: 'list' },
        { key: 'maxMessageBytes', kind: 'number' },
      ],
      widget: [
        { key: 'defaultMode', kind: 'mode' },
        { key: 'categories', kind: 'list' },
        { key: 'allowedOrigins', kind: 'list' },
        { key: 'greeting', kind: 'greeting' },
      ],
      voice: [{ key: 'replyBySms', kind: 'boolean' }],
      wechat: [
        { key: 'token', kind: 'secret' },
        { key: 'appId', kind: 'text' },
        { key: 'appSecret', kind: 'secret' },
        { key: 'apiBaseUrl', kind: 'text' },
        { key: 'welcomeText', kind: 'text' },
      ],
      // The link secret and the legacy cut-off are the server's own; an admin never edits them.
      progress_page: [{ key: 'linkValidDays', kind: 'number' }],
    });
  });

  it('is for admins only', async () => {
    for (const user of [bed.users.editor, bed.users.agent, bed.users.viewer]) {
      await expect(bed.callerAs(user).channels.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(bed.callerAs(user).channels.forms()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        bed.callerAs(user).channels.update({ channel: 'widget', enabled: false }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
